// Makes the site bucket hold exactly the built files: uploads what is new or changed (compared
// by MD5, which is the ETag of a single-part upload under SSE-S3), then deletes what is gone.
import { readFile } from 'node:fs/promises'
import {
  DeleteObjectsCommand,
  PutObjectCommand,
  paginateListObjectsV2,
  type S3Client,
} from '@aws-sdk/client-s3'
import type { SiteFile } from './site-files.ts'
import type { Log } from './stack.ts'

export interface SyncResult {
  uploaded: string[]
  deleted: string[]
  unchanged: number
}

/** Key → MD5 (hex) of every object in the bucket; multipart ETags ("…-N") never match, so those files re-upload. */
export async function listRemoteChecksums(
  s3: S3Client,
  bucket: string,
): Promise<Map<string, string>> {
  const checksums = new Map<string, string>()
  for await (const page of paginateListObjectsV2({ client: s3 }, { Bucket: bucket })) {
    for (const object of page.Contents ?? []) {
      if (object.Key) checksums.set(object.Key, (object.ETag ?? '').replaceAll('"', ''))
    }
  }
  return checksums
}

export async function deleteKeys(s3: S3Client, bucket: string, keys: string[]): Promise<void> {
  for (let start = 0; start < keys.length; start += 1000) {
    const batch = keys.slice(start, start + 1000)
    const result = await s3.send(
      new DeleteObjectsCommand({
        Bucket: bucket,
        Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true },
      }),
    )
    const failed = result.Errors ?? []
    if (failed.length > 0) {
      throw new Error(
        `Could not delete ${failed.length} objects from ${bucket}: ${failed.map((error) => `${error.Key ?? '?'} (${error.Message ?? error.Code ?? '?'})`).join(', ')}`,
      )
    }
  }
}

export async function syncSite(
  s3: S3Client,
  bucket: string,
  files: SiteFile[],
  log: Log,
): Promise<SyncResult> {
  const remote = await listRemoteChecksums(s3, bucket)
  const uploaded: string[] = []
  for (const file of files) {
    if (remote.get(file.key) === file.md5) continue
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: file.key,
        Body: await readFile(file.path),
        ContentType: file.contentType,
        CacheControl: file.cacheControl,
      }),
    )
    uploaded.push(file.key)
  }
  const wanted = new Set(files.map((file) => file.key))
  const deleted = [...remote.keys()].filter((key) => !wanted.has(key)).sort()
  await deleteKeys(s3, bucket, deleted)
  const unchanged = files.length - uploaded.length
  log(`Site files: ${uploaded.length} uploaded, ${deleted.length} deleted, ${unchanged} unchanged.`)
  return { uploaded, deleted, unchanged }
}
