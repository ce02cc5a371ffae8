// The arithmetic of preparing a photo for upload: how large to make it and how hard to
// compress it. The worker does the pixels; these rules are here so they can be tested.

/** Rekognition refuses images under 80 px on a side. */
export const MIN_SIDE_PX = 80
/** DetectLabels takes up to 5 MB as bytes; staying under it keeps both paths open. */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024
export const DEFAULT_MAX_LONG_SIDE = 1920
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
 * Scale so the long side is at most `maxLongSide`, never up, and never so far that the short
 * side drops under Rekognition's minimum (a panorama keeps a longer long side instead).
 */
export function targetSize(
  source: PixelSize,
  maxLongSide: number = DEFAULT_MAX_LONG_SIDE,
): PixelSize {
  const long = Math.max(source.width, source.height)
  const short = Math.min(source.width, source.height)
  let scale = Math.min(1, maxLongSide / long)
  if (short * scale < MIN_SIDE_PX) scale = Math.min(1, MIN_SIDE_PX / short)
  return {
    width: Math.max(1, Math.round(source.width * scale)),
    height: Math.max(1, Math.round(source.height * scale)),
  }
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
