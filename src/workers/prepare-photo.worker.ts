// Decodes a photo upright, scales it and re-encodes it as JPEG, off the main thread.
import {
  checkSourceSize,
  FIRST_QUALITY,
  fitsUploadLimit,
  looksLikeHeic,
  nextEncodeAttempt,
  targetSize,
  type EncodeAttempt,
} from '../lib/photo-preparation'
import { thumbnailSize } from '../lib/my-photos'
import type {
  PrepareFailureMessage,
  PrepareRequest,
  PrepareResponse,
} from './prepare-photo-protocol'

const THUMBNAIL_QUALITY = 0.8

class PrepareFailure extends Error {
  constructor(
    readonly code: PrepareFailureMessage['code'],
    detail: string,
  ) {
    super(detail)
  }
}

async function decodeUpright(request: PrepareRequest): Promise<ImageBitmap> {
  const type = request.file.type
  if (type && !type.startsWith('image/') && !looksLikeHeic(request.fileName, type)) {
    throw new PrepareFailure('not-an-image', `file type ${type}`)
  }
  try {
    return await createImageBitmap(request.file, { imageOrientation: 'from-image' })
  } catch (error) {
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
    throw new PrepareFailure(
      looksLikeHeic(request.fileName, type) ? 'heic-unsupported' : 'not-decodable',
      detail,
    )
  }
}

async function encode(source: ImageBitmap, attempt: EncodeAttempt): Promise<Blob> {
  const canvas = new OffscreenCanvas(attempt.width, attempt.height)
  const context = canvas.getContext('2d')
  if (!context) throw new PrepareFailure('unknown', 'no 2D context in the worker')
  context.imageSmoothingEnabled = true
  context.imageSmoothingQuality = 'high'
  context.drawImage(source, 0, 0, attempt.width, attempt.height)
  return canvas.convertToBlob({ type: 'image/jpeg', quality: attempt.quality })
}

/** The My photos thumbnail, made here from the decoded photo while it is at hand. */
async function thumbnail(source: ImageBitmap): Promise<ArrayBuffer> {
  const size = thumbnailSize(source.width, source.height)
  const jpeg = await encode(source, { ...size, quality: THUMBNAIL_QUALITY })
  return jpeg.arrayBuffer()
}

async function prepare(request: PrepareRequest): Promise<PrepareResponse> {
  const started = performance.now()
  const source = await decodeUpright(request)
  try {
    const size = { width: source.width, height: source.height }
    if (!checkSourceSize(size).ok)
      throw new PrepareFailure('too-small', `${size.width}×${size.height} px`)
    let attempt: EncodeAttempt | null = {
      ...targetSize(size, request.maxMegapixels),
      quality: FIRST_QUALITY,
    }
    while (attempt) {
      const jpeg = await encode(source, attempt)
      if (fitsUploadLimit(jpeg.size)) {
        const [bytes, bitmap, thumbnailBytes] = await Promise.all([
          jpeg.arrayBuffer(),
          createImageBitmap(jpeg),
          thumbnail(source),
        ])
        return {
          id: request.id,
          ok: true,
          bytes,
          bitmap,
          thumbnail: thumbnailBytes,
          width: bitmap.width,
          height: bitmap.height,
          quality: attempt.quality,
          sourceWidth: size.width,
          sourceHeight: size.height,
          millis: performance.now() - started,
        }
      }
      attempt = nextEncodeAttempt(attempt)
    }
    throw new PrepareFailure('image-too-large', 'no encoding under 5 MB')
  } finally {
    source.close()
  }
}

self.addEventListener('message', (event: MessageEvent<PrepareRequest>) => {
  const request = event.data
  prepare(request).then(
    (response) => {
      const transfer = response.ok ? [response.bytes, response.bitmap, response.thumbnail] : []
      self.postMessage(response, { transfer })
    },
    (error: unknown) => {
      const failure: PrepareFailureMessage =
        error instanceof PrepareFailure
          ? { id: request.id, ok: false, code: error.code, detail: error.message }
          : { id: request.id, ok: false, code: 'unknown', detail: String(error) }
      self.postMessage(failure)
    },
  )
})
