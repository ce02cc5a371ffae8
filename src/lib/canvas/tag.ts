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
 * edge. `tag` is the tag's size in screen pixels; `scale` is screen pixels per photo pixel.
 */
export function tagPlacement(box: PixelBox, tag: Size, scale: number, photo: Size): Point {
  const width = tag.width / scale
  const height = tag.height / scale
  return {
    x: Math.max(0, Math.min(box.x, photo.width - width)),
    y: box.y >= height ? box.y - height : box.y,
  }
}
