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
}

/** Uploads the bytes and resolves with the object key; rejects with an AppError. */
export async function uploadPhoto(session: AwsSession, input: UploadInput): Promise<string> {
  const randomId = randomPhotoId(crypto.getRandomValues(new Uint8Array(16)))
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
      }),
      { abortSignal: input.signal },
    )
    input.onProgress?.({ loaded: total, total })
    return key
  } catch (error) {
    throw toAppError(error)
  } finally {
    session.uploadEvents.off(XhrHttpHandler.EVENTS.UPLOAD_PROGRESS, onProgress)
  }
}
