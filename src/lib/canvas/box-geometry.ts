import { clampNormalizedBox, type NormalizedBox, type PixelBox } from '../geometry'
import type { Point, Size, StageRect } from './types'

/** The smallest box side the editor lets a resize reach, in stage (screen) pixels. */
export const MIN_BOX_STAGE_SIZE = 6

/** The photo-pixel rectangle of a normalised box: the coordinates box nodes are drawn in. */
export function normalizedToPhoto(box: NormalizedBox, photo: Size): PixelBox {
  return {
    x: box.left * photo.width,
    y: box.top * photo.height,
    width: box.width * photo.width,
    height: box.height * photo.height,
  }
}

/** Back to fractions of the photo, clipped to it, as the store keeps boxes. */
export function photoToNormalized(box: PixelBox, photo: Size): NormalizedBox {
  return clampNormalizedBox({
    left: box.x / photo.width,
    top: box.y / photo.height,
    width: box.width / photo.width,
    height: box.height / photo.height,
  })
}

/**
 * A resize handle's drag: keep the box inside the photo's rectangle on the stage.
 * Each edge is clipped on its own, so dragging the left handle past the photo's edge stops the
 * left edge there while the right edge stays put. A box that would become thinner than
 * `minSize` keeps its previous shape.
 */
export function clampResizeToPhoto(
  previous: StageRect,
  requested: StageRect,
  photoRect: StageRect,
  minSize = MIN_BOX_STAGE_SIZE,
): StageRect {
  const left = Math.max(requested.x, photoRect.x)
  const top = Math.max(requested.y, photoRect.y)
  const right = Math.min(requested.x + requested.width, photoRect.x + photoRect.width)
  const bottom = Math.min(requested.y + requested.height, photoRect.y + photoRect.height)
  if (right - left < minSize || bottom - top < minSize) return { ...previous }
  return { x: left, y: top, width: right - left, height: bottom - top }
}

/**
 * Konva's dragBoundFunc for moving: the top-left corner where a box of `size` (stage pixels) stays
 * wholly inside the photo's rectangle. A box larger than the photo is pinned to its top-left.
 */
export function clampPositionToPhoto(position: Point, size: Size, photoRect: StageRect): Point {
  const maxX = photoRect.x + Math.max(0, photoRect.width - size.width)
  const maxY = photoRect.y + Math.max(0, photoRect.height - size.height)
  return {
    x: Math.min(maxX, Math.max(photoRect.x, position.x)),
    y: Math.min(maxY, Math.max(photoRect.y, position.y)),
  }
}

/** Move a box by photo pixels (arrow keys), stopping at the photo's edges. */
export function nudgeBox(box: PixelBox, dx: number, dy: number, photo: Size): PixelBox {
  const x = Math.min(Math.max(0, photo.width - box.width), Math.max(0, box.x + dx))
  const y = Math.min(Math.max(0, photo.height - box.height), Math.max(0, box.y + dy))
  return { x, y, width: box.width, height: box.height }
}

/** The box spanned by two photo points in any order (a drawing drag), clipped to the photo. */
export function boxFromCorners(start: Point, end: Point, photo: Size): PixelBox {
  const clampX = (value: number) => Math.min(photo.width, Math.max(0, value))
  const clampY = (value: number) => Math.min(photo.height, Math.max(0, value))
  const left = clampX(Math.min(start.x, end.x))
  const right = clampX(Math.max(start.x, end.x))
  const top = clampY(Math.min(start.y, end.y))
  const bottom = clampY(Math.max(start.y, end.y))
  return { x: left, y: top, width: right - left, height: bottom - top }
}

/**
 * A drawn box this small on screen is an accidental tap or a slip of the finger, not a box:
 * both sides must reach `minStageSize` screen pixels at the current zoom.
 */
export function isAccidentalBox(box: PixelBox, viewScale: number, minStageSize = 10): boolean {
  return box.width * viewScale < minStageSize || box.height * viewScale < minStageSize
}

export type AnchorName =
  | 'top-left'
  | 'top-center'
  | 'top-right'
  | 'middle-left'
  | 'middle-right'
  | 'bottom-left'
  | 'bottom-center'
  | 'bottom-right'

const CORNER_ANCHORS: AnchorName[] = ['top-left', 'top-right', 'bottom-left', 'bottom-right']

/**
 * Which resize handles a box gets at its current size on screen: all eight while they have room,
 * corners only on a side too short for three handles, so a finger-sized middle handle never
 * covers the corners (or the whole box) of a small box.
 */
export function anchorsForSize(stageSize: Size, anchorSize: number): AnchorName[] {
  const roomy = (side: number) => side >= anchorSize * 3
  const anchors = [...CORNER_ANCHORS]
  if (roomy(stageSize.width)) anchors.push('top-center', 'bottom-center')
  if (roomy(stageSize.height)) anchors.push('middle-left', 'middle-right')
  return anchors
}

/**
 * Grow or shrink a box from its top-left corner by photo pixels (Alt or Ctrl with the arrow
 * keys): the right and bottom edges move, stopping at the photo's edges and at `minSize`.
 */
export function resizeBoxBy(
  box: PixelBox,
  dWidth: number,
  dHeight: number,
  photo: Size,
  minSize = 1,
): PixelBox {
  const side = (start: number, length: number, change: number, limit: number) =>
    Math.min(limit - start, Math.max(Math.min(minSize, limit - start), length + change))
  return {
    x: box.x,
    y: box.y,
    width: side(box.x, box.width, dWidth, photo.width),
    height: side(box.y, box.height, dHeight, photo.height),
  }
}

/**
 * The box a keyboard user starts drawing: a square `stageSide` screen pixels wide (at most half
 * of the visible photo) centred on the part of the photo that is on screen.
 */
export function keyboardDraftBox(visible: PixelBox, scale: number, stageSide: number): PixelBox {
  const side = Math.min(stageSide / scale, visible.width / 2, visible.height / 2)
  return {
    x: visible.x + (visible.width - side) / 2,
    y: visible.y + (visible.height - side) / 2,
    width: side,
    height: side,
  }
}
