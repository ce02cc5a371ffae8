// Messages between the app and the photo preparation worker.
import type { AppErrorCode } from '../lib/app-errors'

export interface PrepareRequest {
  id: number
  file: Blob
  fileName: string
  maxMegapixels: number
}

export interface PreparedPhotoMessage {
  id: number
  ok: true
  /** The JPEG exactly as it will be uploaded. */
  bytes: ArrayBuffer
  /** That JPEG decoded: what the canvas draws, so boxes and picture always agree. */
  bitmap: ImageBitmap
  /** A small JPEG of the photo for My photos (long side THUMBNAIL_LONG_SIDE). */
  thumbnail: ArrayBuffer
  width: number
  height: number
  quality: number
  sourceWidth: number
  sourceHeight: number
  millis: number
}

export interface PrepareFailureMessage {
  id: number
  ok: false
  code: AppErrorCode
  detail: string
}

export type PrepareResponse = PreparedPhotoMessage | PrepareFailureMessage
