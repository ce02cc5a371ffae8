// Putting a prepared photo into the guest's own prefix of the images bucket.
import { PutObjectCommand } from '@aws-sdk/client-s3'
import { XhrHttpHandler } from '@aws-sdk/xhr-http-handler'
import { photoKey, randomPhotoId, sanitizeFileName } from '../lib/photo-key'
import type { AwsSession } from './session'
import { toAppError } from './errors'

export interface UploadProgress {
  loaded: number
  total: number
}

export interface UploadInput {
  bytes: Uint8Array
  fileName: string
  onProgress?: (progress: UploadProgress) => void
  signal?: AbortSignal
  /**
   * The photo's id, chosen and kept by the caller before the upload so that a try cut short
   * (a reload) can be repeated: the write is conditional, and a photo already there is the
   * earlier try's. Absent: a fresh random id.
   */
  photoId?: string
}

/** Uploads the bytes and resolves with the object key; rejects with an AppError. */
export async function uploadPhoto(session: AwsSession, input: UploadInput): Promise<string> {
  const randomId = input.photoId ?? randomPhotoId(crypto.getRandomValues(new Uint8Array(16)))
  const key = photoKey(session.identityId, randomId)
  const total = input.bytes.byteLength
  // One handler serves the whole client: keep only this upload's events.
  const onProgress = (event: ProgressEvent, request: { path?: string }) => {
    if (!request.path?.includes(randomId)) return
    input.onProgress?.({ loaded: Math.min(event.loaded, total), total })
  }
  session.uploadEvents.on(XhrHttpHandler.EVENTS.UPLOAD_PROGRESS, onProgress)
  try {
    input.onProgress?.({ loaded: 0, total })
    await session.s3.send(
      new PutObjectCommand({
        Bucket: session.config.imagesBucket,
        Key: key,
        Body: input.bytes,
        ContentType: 'image/jpeg',
        Metadata: { 'original-name': sanitizeFileName(input.fileName) },
        // Never two writes of one photo: a repeated try finds the first one's object.
        ...(input.photoId ? { IfNoneMatch: '*' } : {}),
      }),
      { abortSignal: input.signal },
    )
    input.onProgress?.({ loaded: total, total })
    return key
  } catch (error) {
    if (input.photoId && httpStatus(error) === 412) {
      input.onProgress?.({ loaded: total, total })
      return key
    }
    throw toAppError(error)
  } finally {
    session.uploadEvents.off(XhrHttpHandler.EVENTS.UPLOAD_PROGRESS, onProgress)
  }
}

function httpStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined
  return (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode
}
