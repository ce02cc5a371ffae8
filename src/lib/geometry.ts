/** A box as fractions of the image: 0–1 on both axes, origin top-left. */
export interface NormalizedBox {
  left: number
  top: number
  width: number
  height: number
}

/** A box in pixels of a specific image. */
export interface PixelBox {
  x: number
  y: number
  width: number
  height: number
}

function clamp01(value: number): number {
  if (Number.isNaN(value)) return 0
  return Math.min(1, Math.max(0, value))
}

/**
 * Rekognition may return boxes that start before 0 or end past 1 at the image edges.
 * Clip such a box to the image so drawing and exporting never leave the photo.
 */
export function clampNormalizedBox(box: NormalizedBox): NormalizedBox {
  const inside =
    box.left >= 0 &&
    box.top >= 0 &&
    box.width >= 0 &&
    box.height >= 0 &&
    box.left + box.width <= 1 &&
    box.top + box.height <= 1
  // Recomputing width from the edges would add float noise to boxes that need no change.
  if (inside) return { left: box.left, top: box.top, width: box.width, height: box.height }
  const left = clamp01(box.left)
  const top = clamp01(box.top)
  const right = clamp01(box.left + box.width)
  const bottom = clamp01(box.top + box.height)
  return { left, top, width: Math.max(0, right - left), height: Math.max(0, bottom - top) }
}

/** A normalised box in pixels of an image of the given size. */
export function toPixelBox(box: NormalizedBox, imageWidth: number, imageHeight: number): PixelBox {
  return {
    x: box.left * imageWidth,
    y: box.top * imageHeight,
    width: box.width * imageWidth,
    height: box.height * imageHeight,
  }
}

/** A pixel box of an image of the given size as fractions of it, clamped to the image. */
export function toNormalizedBox(
  box: PixelBox,
  imageWidth: number,
  imageHeight: number,
): NormalizedBox {
  if (imageWidth <= 0 || imageHeight <= 0) return { left: 0, top: 0, width: 0, height: 0 }
  return clampNormalizedBox({
    left: box.x / imageWidth,
    top: box.y / imageHeight,
    width: box.width / imageWidth,
    height: box.height / imageHeight,
  })
}
