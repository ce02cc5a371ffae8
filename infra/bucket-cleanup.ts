// CloudFormation cannot delete a bucket that still holds objects: empty it first, old versions
// and delete markers included, in case someone turned versioning on.
import {
  DeleteObjectsCommand,
  ListObjectVersionsCommand,
  type ListObjectVersionsCommandOutput,
  type S3Client,
} from '@aws-sdk/client-s3'

function isMissingBucket(error: unknown): boolean {
  return (
    error instanceof Error &&
    (error.name === 'NoSuchBucket' || /does not exist/i.test(error.message))
  )
}

async function* listVersionPages(
  s3: S3Client,
  bucket: string,
): AsyncGenerator<ListObjectVersionsCommandOutput> {
  let keyMarker: string | undefined
  let versionIdMarker: string | undefined
  do {
    const page = await s3.send(
      new ListObjectVersionsCommand({
        Bucket: bucket,
        KeyMarker: keyMarker,
        VersionIdMarker: versionIdMarker,
      }),
    )
    yield page
    keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined
    versionIdMarker = page.IsTruncated ? page.NextVersionIdMarker : undefined
  } while (keyMarker)
}

/** Deletes every object version in the bucket; returns how many. A bucket already gone counts as empty. */
export async function emptyBucket(s3: S3Client, bucket: string): Promise<number> {
  let deleted = 0
  try {
    for await (const page of listVersionPages(s3, bucket)) {
      const objects = [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])]
        .filter((version) => version.Key)
        .map((version) => ({ Key: version.Key, VersionId: version.VersionId }))
      if (objects.length === 0) continue
      const result = await s3.send(
        new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: objects, Quiet: true } }),
      )
      const failed = result.Errors ?? []
      if (failed.length > 0) {
        throw new Error(
          `Could not empty ${bucket}: ${failed[0]?.Key ?? '?'} (${failed[0]?.Message ?? failed[0]?.Code ?? '?'})`,
        )
      }
      deleted += objects.length
    }
  } catch (error) {
    if (isMissingBucket(error)) return deleted
    throw error
  }
  return deleted
}
