import type { PixelBox } from '../geometry'
import type { Point } from './types'

/** What hit-testing needs of a box: its id, where it is now and whether it is shown. */
export interface HitBox {
  id: string
  rect: PixelBox
  visible: boolean
}

function containsPoint(rect: PixelBox, point: Point): boolean {
  return (
    point.x >= rect.x &&
    point.y >= rect.y &&
    point.x <= rect.x + rect.width &&
    point.y <= rect.y + rect.height
  )
}

/**
 * The box a press at `point` takes hold of, among the shown boxes: `preferredId` (the selected
 * box, drawn above the rest) when the point is inside it, else the smallest box containing the
 * point, so every box inside a larger one stays reachable. Null where no shown box is. Point and
 * boxes in the same coordinates (the editor uses photo pixels).
 */
export function boxAt(
  point: Point,
  boxes: Iterable<HitBox>,
  preferredId: string | null = null,
): string | null {
  let best: string | null = null
  let bestArea = Number.POSITIVE_INFINITY
  for (const box of boxes) {
    if (!box.visible || !containsPoint(box.rect, point)) continue
    if (box.id === preferredId) return box.id
    const area = box.rect.width * box.rect.height
    if (area < bestArea) {
      best = box.id
      bestArea = area
    }
  }
  return best
}
