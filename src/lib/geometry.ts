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
