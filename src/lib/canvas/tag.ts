import type { PixelBox } from '../geometry'
import type { Point, Size } from './types'

/** The text on a box's tag: "Cat 97 %" for detections, "Cat" for drawn boxes, marked once edited. */
export function tagText(label: string, confidence: number | null, edited: boolean): string {
  const name = label.trim() === '' ? 'Unlabelled' : label.trim()
  // Confidence arrives as 0–100; whole percent is what the label list shows too.
  const score = confidence === null ? '' : ` ${Math.round(confidence)} %`
  return `${name}${score}${edited ? ' · edited' : ''}`
}

/**
 * Where a box's tag goes, in photo pixels: above the box's top-left corner, or just inside the
 * box when there is no room above it, and shifted left rather than running off the photo's right
 * edge. `tag` is the tag's size in screen pixels; `scale` is screen pixels per photo pixel;
 * `clearance` (screen pixels) keeps the tag off a resize handle on the corner.
 */
export function tagPlacement(
  box: PixelBox,
  tag: Size,
  scale: number,
  photo: Size,
  clearance = 0,
): Point {
  const width = tag.width / scale
  const height = tag.height / scale
  const gap = clearance / scale
  const fitsAbove = box.y >= height + gap
  const x = fitsAbove ? box.x : box.x + gap
  return {
    x: Math.max(0, Math.min(x, photo.width - width)),
    y: fitsAbove ? box.y - height - gap : box.y + gap,
  }
}
