// Checks an image the way Rekognition does (JPEG or PNG by content, 80–10,000 px a side) from its
// header before any pixel is decoded, then decodes it upright (EXIF orientation applied).
import sharp, { type Sharp } from 'sharp'
import { ImageInputError } from './errors.ts'

export const MIN_SIDE = 80
export const MAX_SIDE = 10_000

export type ImageFormat = 'jpeg' | 'png'

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

export function sniffFormat(bytes: Uint8Array): ImageFormat | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    return 'jpeg'
  }
  if (PNG_SIGNATURE.every((byte, index) => bytes[index] === byte)) return 'png'
  return undefined
}

export interface CheckedImage {
  bytes: Uint8Array
  format: ImageFormat
  /** Size of the upright image (after EXIF orientation). */
  width: number
  height: number
}

/** Validates the header and returns the upright size; decodes no pixels. */
export async function checkImage(bytes: Uint8Array): Promise<CheckedImage> {
  const format = sniffFormat(bytes)
  if (format === undefined) {
    throw new ImageInputError('InvalidImageFormatException', 'Request has invalid image format')
  }
  let width: number | undefined
  let height: number | undefined
  let orientation: number | undefined
  try {
    const metadata = await sharp(bytes).metadata()
    if (metadata.format !== format) throw new Error(`header says ${metadata.format}`)
    ;({ width, height, orientation } = metadata)
  } catch {
    throw new ImageInputError('InvalidImageFormatException', 'Request has invalid image format')
  }
  if (!width || !height) {
    throw new ImageInputError('InvalidImageFormatException', 'Request has invalid image format')
  }
  if (width > MAX_SIDE || height > MAX_SIDE) {
    throw new ImageInputError('ImageTooLargeException', 'Image size is too large')
  }
  if (width < MIN_SIDE || height < MIN_SIDE) {
    throw new ImageInputError(
      'InvalidParameterException',
      `Image must be at least ${MIN_SIDE} pixels on each side`,
    )
  }
  // Orientations 5–8 turn the image a quarter: the upright width is the stored height.
  const quarterTurn = orientation !== undefined && orientation >= 5
  return quarterTurn
    ? { bytes, format, width: height, height: width }
    : { bytes, format, width, height }
}

/** Upright, sRGB, three channels, no alpha: the pipeline start for every pixel read. */
function uprightRgb(image: CheckedImage): Sharp {
  // failOn 'warning': a cut-off or damaged file is refused, as Rekognition refuses it, rather than
  // decoded into grey or smeared blocks.
  return sharp(image.bytes, { failOn: 'warning' })
    .rotate()
    .toColourspace('srgb')
    .flatten({ background: { r: 255, g: 255, b: 255 } })
    .removeAlpha()
}

export interface RgbPixels {
  data: Uint8Array
  width: number
  height: number
}

async function decode(pipeline: Sharp): Promise<RgbPixels> {
  try {
    const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true })
    return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), ...info }
  } catch {
    throw new ImageInputError('InvalidImageFormatException', 'Request has invalid image format')
  }
}

/** The photo upright at full size; the shared code letterboxes it (src/lib/detection). */
export function decodeUpright(image: CheckedImage): Promise<RgbPixels> {
  return decode(uprightRgb(image))
}

/**
 * Decoded pixels scaled down (never up) to fit `maxSide`, for image-properties statistics: from
 * the pixels the model reads, so each photo is decoded once (a second decode of the same JPEG,
 * side by side with the first, made both several times slower here).
 */
export function scaleForAnalysis(pixels: RgbPixels, maxSide: number): Promise<RgbPixels> {
  const { width, height } = pixels
  return decode(
    sharp(pixels.data, { raw: { width, height, channels: 3 } }).resize(maxSide, maxSide, {
      fit: 'inside',
      withoutEnlargement: true,
    }),
  )
}
