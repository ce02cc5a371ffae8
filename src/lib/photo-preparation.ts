// The arithmetic of preparing a photo for upload: how large to make it and how hard to
// compress it. The worker does the pixels; these rules are here so they can be tested.

/** Rekognition refuses images under 80 px on a side. */
export const MIN_SIDE_PX = 80
/** DetectLabels takes up to 5 MB as bytes; staying under it keeps both paths open. */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024
/** Rekognition refuses images over 10,000 px on a side. */
export const MAX_SIDE_PX = 10_000
/**
 * Prepared photos are sized by pixel count, not by long side, so a panorama keeps its height:
 * 3.7 MP is a 12 MP phone photo at 2220×1665, or an 8000×600 panorama at 7023×527, and its JPEG
 * stays far below DetectLabels' 5 MB.
 */
export const DEFAULT_MAX_MEGAPIXELS = 3.7
/** The long-side limit before pixel counts: what a stored setting of that time meant. */
export const LEGACY_DEFAULT_MAX_LONG_SIDE = 1920
export const FIRST_QUALITY = 0.85
const QUALITY_STEPS = [0.85, 0.75, 0.65, 0.5] as const
const SHRINK_FACTOR = 0.75

export interface PixelSize {
  width: number
  height: number
}

export interface EncodeAttempt extends PixelSize {
  quality: number
}

export type SizeCheck = { ok: true } | { ok: false; reason: 'too-small' }

export function checkSourceSize(size: PixelSize): SizeCheck {
  return size.width < MIN_SIDE_PX || size.height < MIN_SIDE_PX
    ? { ok: false, reason: 'too-small' }
    : { ok: true }
}

/**
 * The whole fractions (1/2, 1/4, 1/8) that a JPEG decoder produces as it decodes, with its fast
 * scaled transforms: a photo prepared at one of them needs no resampling afterwards.
 */
export const DECODER_FRACTIONS = [2, 4, 8] as const
/**
 * A decoder fraction is the prepared size when it keeps at least this share of the pixel
 * budget: a 12 MP phone photo becomes 2016×1512 (3.05 MP, 82 %) instead of 2221×1665, and is
 * prepared about 90 ms sooner with a 10 % smaller JPEG.
 */
export const DECODER_FRACTION_MIN_SHARE = 0.75

/** The size a decoder gives at 1/`divisor` (libjpeg rounds up). */
export function fractionOf(source: PixelSize, divisor: number): PixelSize {
  return { width: Math.ceil(source.width / divisor), height: Math.ceil(source.height / divisor) }
}

function fitsRekognition(size: PixelSize): boolean {
  return (
    Math.max(size.width, size.height) <= MAX_SIDE_PX &&
    Math.min(size.width, size.height) >= MIN_SIDE_PX
  )
}

/**
 * Scale so the photo has at most `maxMegapixels` million pixels, never up, with no side over
 * Rekognition's 10,000 px, and never so far that the short side drops under its 80 px minimum.
 * Where a decoder fraction (1/2, 1/4, 1/8) fits that budget and fills most of it, the photo is
 * prepared at exactly that fraction.
 */
export function targetSize(
  source: PixelSize,
  maxMegapixels: number = DEFAULT_MAX_MEGAPIXELS,
): PixelSize {
  const long = Math.max(source.width, source.height)
  const short = Math.min(source.width, source.height)
  const pixels = source.width * source.height
  const budget = maxMegapixels * 1_000_000
  let scale = Math.min(1, Math.sqrt(budget / pixels), MAX_SIDE_PX / long)
  if (short * scale < MIN_SIDE_PX) scale = Math.min(1, MIN_SIDE_PX / short)
  if (scale < 1) {
    const fraction = DECODER_FRACTIONS.map((divisor) => fractionOf(source, divisor)).find(
      (size) => size.width * size.height <= budget,
    )
    if (
      fraction &&
      fraction.width * fraction.height >= DECODER_FRACTION_MIN_SHARE * budget &&
      fitsRekognition(fraction)
    ) {
      return fraction
    }
  }
  return {
    width: Math.max(1, Math.floor(source.width * scale)),
    height: Math.max(1, Math.floor(source.height * scale)),
  }
}

/**
 * The largest decoder divisor (1, 2, 4 or 8) whose output is still at least `target` on both
 * sides: the least the decoder has to produce for the prepared size without scaling up.
 */
export function decoderDivisor(source: PixelSize, target: PixelSize): number {
  let chosen = 1
  for (const divisor of DECODER_FRACTIONS) {
    const size = fractionOf(source, divisor)
    if (size.width < target.width || size.height < target.height) break
    chosen = divisor
  }
  return chosen
}

/**
 * The pixel budget a stored long-side limit stood for (a 4:3 photo of that long side); the old
 * default becomes the new default rather than a smaller budget nobody chose.
 */
export function megapixelsOfLongSide(longSide: number): number {
  if (longSide === LEGACY_DEFAULT_MAX_LONG_SIDE) return DEFAULT_MAX_MEGAPIXELS
  return Math.round((longSide * longSide * 0.75) / 100_000) / 10
}

/**
 * What to try after an encoding came out too large: first lower the quality, then shrink the
 * image and start again from the first quality. Null once nothing sensible is left.
 */
export function nextEncodeAttempt(previous: EncodeAttempt): EncodeAttempt | null {
  const index = QUALITY_STEPS.findIndex((quality) => quality < previous.quality)
  if (index >= 0) return { ...previous, quality: QUALITY_STEPS[index] ?? previous.quality }
  const width = Math.round(previous.width * SHRINK_FACTOR)
  const height = Math.round(previous.height * SHRINK_FACTOR)
  if (Math.min(width, height) < MIN_SIDE_PX) return null
  return { width, height, quality: QUALITY_STEPS[0] }
}

export function fitsUploadLimit(bytes: number): boolean {
  return bytes < MAX_UPLOAD_BYTES
}

/** Photo formats phones produce that desktop browsers other than Safari cannot decode. */
export function looksLikeHeic(fileName: string, mimeType: string): boolean {
  return /\.(heic|heif)$/i.test(fileName) || /^image\/hei[cf]/i.test(mimeType)
}
