// Decodes a photo upright, scales it and re-encodes it as JPEG, off the main thread.
import {
  checkSourceSize,
  decoderDivisor,
  FIRST_QUALITY,
  fractionOf,
  fitsUploadLimit,
  looksLikeHeic,
  nextEncodeAttempt,
  targetSize,
  type EncodeAttempt,
} from '../lib/photo-preparation'
import { uprightJpegSize, type UprightSize } from '../lib/jpeg-size'
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

/** Enough of a JPEG's start for its EXIF block (at most 64 KiB) and its frame header. */
const HEADER_BYTES = 128 * 1024

/** The photo's upright size from its header, when it is a JPEG whose header says it. */
async function headerSize(file: Blob): Promise<UprightSize | null> {
  try {
    return uprightJpegSize(new Uint8Array(await file.slice(0, HEADER_BYTES).arrayBuffer()))
  } catch {
    return null
  }
}

/** Decoded pixels the worker draws from: each is closed once drawn. */
type DecodedPhoto = ImageBitmap | VideoFrame

/** The size the pixels are drawn at (a frame's display size is after its EXIF turn). */
const drawnSize = (photo: DecodedPhoto): UprightSize =>
  photo instanceof ImageBitmap
    ? { width: photo.width, height: photo.height }
    : { width: photo.displayWidth, height: photo.displayHeight }

/**
 * A JPEG decoded upright at 1/`divisor` of its size by WebCodecs' ImageDecoder, which hands the
 * size to the JPEG decoder: it then skips most of the work of the full size (a 12 MP photo at
 * 1/2: about 50 ms instead of 120–140 ms for a decode and a resize). Null where the browser has
 * no ImageDecoder, ignores the size asked for, cannot say how the frame is turned, or fails:
 * createImageBitmap then decodes, as everywhere else.
 */
async function decodeJpegFraction(
  file: Blob,
  upright: UprightSize,
  divisor: number,
): Promise<VideoFrame | null> {
  if (typeof ImageDecoder === 'undefined') return null
  const wanted = fractionOf(upright, divisor)
  let decoder: ImageDecoder | undefined
  try {
    // The decoder reads the pixel count; either orientation of the size asks for the same.
    decoder = new ImageDecoder({
      data: file.stream(),
      type: 'image/jpeg',
      desiredWidth: wanted.width,
      desiredHeight: wanted.height,
    })
    const { image } = await decoder.decode()
    // A frame that says how it is turned (rotation, flip: EXIF orientation) is drawn upright;
    // without that attribute, a half-turned photo would come out upside down.
    const turnKnown = typeof Reflect.get(image, 'rotation') === 'number'
    if (turnKnown && image.displayWidth === wanted.width && image.displayHeight === wanted.height) {
      return image
    }
    image.close()
    return null
  } catch {
    return null
  } finally {
    decoder?.close()
  }
}

/** A photo whose header gave its upright size, to be decoded straight to a smaller `size`. */
interface DecodePlan {
  header: UprightSize
  size: UprightSize
}

/**
 * The photo upright, decoded whole, or straight to the planned size where there is a plan: the
 * decoder then scales as it goes, with no full-size copy to scale afterwards.
 */
async function decodeUpright(
  request: PrepareRequest,
  plan: DecodePlan | null,
): Promise<DecodedPhoto> {
  const type = request.file.type
  if (type && !type.startsWith('image/') && !looksLikeHeic(request.fileName, type)) {
    throw new PrepareFailure('not-an-image', `file type ${type}`)
  }
  if (plan) {
    const divisor = decoderDivisor(plan.header, plan.size)
    const frame = divisor > 1 ? await decodeJpegFraction(request.file, plan.header, divisor) : null
    if (frame) return frame
  }
  try {
    return await createImageBitmap(request.file, {
      imageOrientation: 'from-image',
      ...(plan
        ? { resizeWidth: plan.size.width, resizeHeight: plan.size.height, resizeQuality: 'high' }
        : {}),
    })
  } catch (error) {
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
    throw new PrepareFailure(
      looksLikeHeic(request.fileName, type) ? 'heic-unsupported' : 'not-decodable',
      detail,
    )
  }
}

/**
 * The photo drawn at a new size, smoothed at 'high': besides looking best, it keeps the JPEG
 * smaller than bilinear ('low', 60 ms faster on a 12 MP photo) by 11 %, 0.6 s of upload at
 * 750 kbit/s.
 */
function drawScaled(
  source: DecodedPhoto | OffscreenCanvas,
  width: number,
  height: number,
): OffscreenCanvas {
  const canvas = new OffscreenCanvas(width, height)
  const context = canvas.getContext('2d')
  if (!context) throw new PrepareFailure('unknown', 'no 2D context in the worker')
  context.imageSmoothingEnabled = true
  context.imageSmoothingQuality = 'high'
  context.drawImage(source, 0, 0, width, height)
  return canvas
}

const jpegOf = (canvas: OffscreenCanvas, quality: number) =>
  canvas.convertToBlob({ type: 'image/jpeg', quality })

/**
 * A fresh worker's first scaled drawing and first JPEG pay for setting up the canvas and the
 * encoder (about 100 ms of the first photo here). Done at start with a tiny image, that setup
 * runs while the first photo is still being decoded, off the decoder's thread.
 */
function warmUpEncoder(): void {
  const tiny = new OffscreenCanvas(32, 32)
  tiny.getContext('2d')?.fillRect(0, 0, 32, 32)
  void jpegOf(drawScaled(tiny, 16, 16), FIRST_QUALITY).catch(() => undefined)
}
warmUpEncoder()

async function prepare(request: PrepareRequest): Promise<PrepareResponse> {
  const started = performance.now()
  const header = await headerSize(request.file)
  const planned =
    header && checkSourceSize(header).ok ? targetSize(header, request.maxMegapixels) : null
  const plan = header && planned && planned.width < header.width ? { header, size: planned } : null
  const source = await decodeUpright(request, plan)
  try {
    // The photo's own size: its header's where there was a plan; else it was decoded whole (an
    // ImageBitmap, which is all that comes back without a plan).
    const size = plan ? plan.header : drawnSize(source)
    if (!checkSourceSize(size).ok)
      throw new PrepareFailure('too-small', `${size.width}×${size.height} px`)
    let attempt: EncodeAttempt | null = {
      ...targetSize(size, request.maxMegapixels),
      quality: FIRST_QUALITY,
    }
    let prepared: OffscreenCanvas | null = null
    while (attempt) {
      // A lower quality re-encodes the same pixels; only a smaller size draws them again.
      if (prepared?.width !== attempt.width || prepared.height !== attempt.height) {
        prepared = drawScaled(source, attempt.width, attempt.height)
      }
      const jpeg = await jpegOf(prepared, attempt.quality)
      if (fitsUploadLimit(jpeg.size)) {
        // The My photos thumbnail from the prepared pixels (a few MP, not the 12 MP source), and
        // the bitmap the editor shows: those pixels themselves, rather than a decode of the JPEG.
        const small = thumbnailSize(prepared.width, prepared.height)
        const thumbnailJpeg = jpegOf(
          drawScaled(prepared, small.width, small.height),
          THUMBNAIL_QUALITY,
        )
        const bitmap = prepared.transferToImageBitmap()
        const [bytes, thumbnailBytes] = await Promise.all([
          jpeg.arrayBuffer(),
          thumbnailJpeg.then((blob) => blob.arrayBuffer()),
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
