// The guest's photos in S3: list them, store a thumbnail and the analysis document beside each,
// read them back, and delete a photo with everything stored beside it. Document writes are
// conditional on the ETag (If-Match, or If-None-Match: * for the first one), so two tabs never
// overwrite each other silently: a refused write becomes a SaveConflictError for the autosaver.
import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  type ListObjectsV2CommandOutput,
} from '@aws-sdk/client-s3'
import { serializeDocument, type AnalysisDocument } from '../lib/analysis-document'
import { parseDocument } from '../lib/document-reader'
import { SaveConflictError, type SavedVersion } from '../lib/autosave'
import { readJpegComment, withJpegComment } from '../lib/jpeg-comment'
import { sanitizeFileName } from '../lib/photo-key'
import {
  analysisKey,
  deletionOrder,
  myPhotosEntries,
  myPhotosPrefix,
  photoFilesPrefix,
  thumbnailKey,
  type MyPhotosEntry,
  type ListedObject,
} from '../lib/my-photos'
import { toAppError } from './errors'
import type { AwsSession } from './session'

/** What these calls need of a session; tests in Node pass their own S3 client. */
export type MyPhotosSession = Pick<AwsSession, 's3' | 'identityId' | 'config'>

interface CallOptions {
  signal?: AbortSignal
}

function errorName(error: unknown): string {
  return typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : ''
}

function httpStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('$metadata' in error)) return undefined
  const metadata = (error as { $metadata?: { httpStatusCode?: number } }).$metadata
  return metadata?.httpStatusCode
}

function isMissing(error: unknown): boolean {
  return errorName(error) === 'NoSuchKey' || httpStatus(error) === 404
}

async function listPrefix(
  session: MyPhotosSession,
  prefix: string,
  options: CallOptions & { pageSize?: number } = {},
): Promise<ListedObject[]> {
  const objects: ListedObject[] = []
  let token: string | undefined
  do {
    const page: ListObjectsV2CommandOutput = await myPhotosClient(session).send(
      new ListObjectsV2Command({
        Bucket: session.config.imagesBucket,
        Prefix: prefix,
        ContinuationToken: token,
        MaxKeys: options.pageSize,
      }),
      { abortSignal: options.signal },
    )
    for (const object of page.Contents ?? []) {
      if (!object.Key) continue
      objects.push({
        key: object.Key,
        lastModified: (object.LastModified ?? new Date(0)).toISOString(),
        size: object.Size ?? 0,
      })
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined
  } while (token)
  return objects
}

/** Every photo of this guest, newest first, with which side files it has. */
export async function listMyPhotos(
  session: MyPhotosSession,
  options: CallOptions & { pageSize?: number } = {},
): Promise<MyPhotosEntry[]> {
  try {
    return myPhotosEntries(await listPrefix(session, myPhotosPrefix(session.identityId), options))
  } catch (error) {
    throw toAppError(error)
  }
}

// The session's client sends through XMLHttpRequest for upload progress, and that handler reads
// every response as text, which mangles JPEG bytes. The library needs no progress: it uses a
// client with the SDK's default handler (fetch in browsers), sharing the session's credentials.
const myPhotosClients = new WeakMap<S3Client, S3Client>()

function myPhotosClient(session: MyPhotosSession): S3Client {
  let client = myPhotosClients.get(session.s3)
  if (!client) {
    const { region, endpoint } = session.config
    client = new S3Client({
      region,
      ...(endpoint ? { endpoint, forcePathStyle: true } : {}),
      credentials: session.s3.config.credentials,
      // As the session's client: the local endpoint and S3 both take a PUT without a checksum.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    })
    myPhotosClients.set(session.s3, client)
  }
  return client
}

async function getBytes(
  session: MyPhotosSession,
  key: string,
  options: CallOptions,
): Promise<{ bytes: Uint8Array; etag: string; metadata: Record<string, string> }> {
  const response = await myPhotosClient(session).send(
    new GetObjectCommand({ Bucket: session.config.imagesBucket, Key: key }),
    { abortSignal: options.signal },
  )
  if (!response.Body) throw new Error(`The stored object ${key} has no body`)
  return {
    bytes: await response.Body.transformToByteArray(),
    etag: response.ETag ?? '',
    metadata: response.Metadata ?? {},
  }
}

/** The prepared photo as uploaded (JPEG bytes). */
export async function getPhotoBytes(
  session: MyPhotosSession,
  photoKey: string,
  options: CallOptions = {},
): Promise<Uint8Array> {
  try {
    return (await getBytes(session, photoKey, options)).bytes
  } catch (error) {
    throw toAppError(error)
  }
}

export interface Thumbnail {
  bytes: Uint8Array
  /** The photo's file name as the user picked it. */
  originalName: string
}

export async function putThumbnail(
  session: MyPhotosSession,
  photoKey: string,
  bytes: Uint8Array,
  originalName: string,
  options: CallOptions = {},
): Promise<void> {
  try {
    await myPhotosClient(session).send(
      new PutObjectCommand({
        Bucket: session.config.imagesBucket,
        Key: thumbnailKey(photoKey),
        // The name rides inside the JPEG: browsers cannot read S3 metadata without CORS exposing it.
        Body: withJpegComment(bytes, originalName),
        ContentType: 'image/jpeg',
        Metadata: { 'original-name': sanitizeFileName(originalName) },
      }),
      { abortSignal: options.signal },
    )
  } catch (error) {
    throw toAppError(error)
  }
}

/** The gallery thumbnail with the photo's name (carried in its metadata: one request, both). */
export async function getThumbnail(
  session: MyPhotosSession,
  photoKey: string,
  options: CallOptions = {},
): Promise<Thumbnail> {
  try {
    const { bytes, metadata } = await getBytes(session, thumbnailKey(photoKey), options)
    return { bytes, originalName: readJpegComment(bytes) ?? metadata['original-name'] ?? '' }
  } catch (error) {
    throw toAppError(error)
  }
}

/** The stored analysis document and its ETag, or null when the photo has none yet. */
export async function readAnalysis(
  session: MyPhotosSession,
  photoKey: string,
  options: CallOptions = {},
): Promise<SavedVersion | null> {
  let stored: { bytes: Uint8Array; etag: string }
  try {
    stored = await getBytes(session, analysisKey(photoKey), options)
  } catch (error) {
    if (isMissing(error)) return null
    throw toAppError(error)
  }
  // A damaged document is a DocumentError that says what is wrong; it is not retried.
  const document = parseDocument(new TextDecoder().decode(stored.bytes))
  return { document, etag: stored.etag }
}

/**
 * Stores the document if the stored one still has `etag` (null: only if none is stored);
 * resolves with the new ETag. Rejects with SaveConflictError when another writer was first.
 */
export async function writeAnalysis(
  session: MyPhotosSession,
  photoKey: string,
  document: AnalysisDocument,
  etag: string | null,
  options: CallOptions = {},
): Promise<string> {
  try {
    const response = await myPhotosClient(session).send(
      new PutObjectCommand({
        Bucket: session.config.imagesBucket,
        Key: analysisKey(photoKey),
        Body: new TextEncoder().encode(serializeDocument(document)),
        ContentType: 'application/json',
        ...(etag === null ? { IfNoneMatch: '*' } : { IfMatch: etag }),
      }),
      { abortSignal: options.signal },
    )
    return response.ETag ?? ''
  } catch (error) {
    // 412: someone else wrote since; 404 on If-Match: someone deleted it since.
    if (httpStatus(error) === 412 || (etag !== null && isMissing(error))) {
      throw new SaveConflictError(`The analysis of ${photoKey} changed elsewhere`)
    }
    // 409 ConditionalRequestConflict: a concurrent conditional write; same remedy.
    if (httpStatus(error) === 409) throw new SaveConflictError(errorName(error))
    throw toAppError(error)
  }
}

/**
 * Deletes the photo and every file beside it (side files first, the photo last); resolves with
 * the keys deleted.
 */
export async function deletePhoto(
  session: MyPhotosSession,
  photoKey: string,
  options: CallOptions = {},
): Promise<string[]> {
  try {
    const listed = await listPrefix(session, photoFilesPrefix(photoKey), options)
    // The photo itself is deleted even if a listing lags behind a fresh upload.
    const keys = deletionOrder(photoKey, [...listed.map((object) => object.key), photoKey])
    for (const key of keys) {
      await myPhotosClient(session).send(
        new DeleteObjectCommand({ Bucket: session.config.imagesBucket, Key: key }),
        { abortSignal: options.signal },
      )
    }
    return keys
  } catch (error) {
    throw toAppError(error)
  }
}
