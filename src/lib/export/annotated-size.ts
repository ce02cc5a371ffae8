/** Safari refuses canvases larger than this many pixels (4096 × 4096). */
export const SAFARI_CANVAS_MAX_PIXELS = 16_777_216

export interface ExportSize {
  width: number
  height: number
  /** Output pixels per photo pixel: 1 when the photo fits. */
  scale: number
}

/**
 * The size to render the annotated image at: the photo's full resolution when width × height
 * fits within maxPixels, otherwise scaled down keeping the aspect ratio so that it does.
 */
export function annotatedExportSize(
  width: number,
  height: number,
  maxPixels = SAFARI_CANVAS_MAX_PIXELS,
): ExportSize {
  if (!(width > 0 && height > 0 && maxPixels >= 1)) {
    throw new RangeError('annotatedExportSize needs a positive width, height and pixel limit')
  }
  if (width * height <= maxPixels) return { width, height, scale: 1 }
  const scale = Math.sqrt(maxPixels / (width * height))
  // Flooring both sides keeps the product under the limit; never below one pixel.
  let outWidth = Math.max(1, Math.floor(width * scale))
  let outHeight = Math.max(1, Math.floor(height * scale))
  // A very thin image can still overshoot after the 1-pixel floor on its short side.
  while (outWidth * outHeight > maxPixels) {
    if (outWidth >= outHeight) outWidth -= 1
    else outHeight -= 1
  }
  return { width: outWidth, height: outHeight, scale: outWidth / width }
}
