import { anchorsForSize, type AnchorName } from './box-geometry'
import type { Point, StageRect } from './types'

/** WCAG 2.2, 2.5.8 Target Size (Minimum): every handle answers a 24×24 CSS px area at least. */
export const MIN_TARGET_SIZE = 24
/** Drawn handle sides in screen pixels: a finger needs a bigger square to see than a mouse. */
export const HANDLE_SIZE_MOUSE = 12
export const HANDLE_SIZE_TOUCH = 28
/** Screen pixels between a handle's target and the box outline it sits beside. */
export const HANDLE_GAP = 2

export interface HandleLayoutInput {
  /** The selected box on the stage, in screen pixels. */
  box: StageRect
  /** The drawn square's side. */
  handleSize: number
  /** Where a handle may go: the stage's visible rectangle, so none sits off screen or under the sheet beside it. */
  area: StageRect
}

export interface PlacedHandle {
  name: AnchorName
  /** The handle's centre minus the point of the box it moves (a corner or an edge's middle). */
  offset: Point
  /** The square that answers the pointer, on the stage. */
  target: StageRect
  /** True only for a large box's handle tucked inside a corner because there is no room out. */
  overBox: boolean
}

export interface HandleLayout {
  /** The side of each handle's target square, at least MIN_TARGET_SIZE. */
  targetSize: number
  handles: PlacedHandle[]
}

/** Which way each handle faces out of the box: -1 left or up, 1 right or down, 0 the middle. */
const OUTWARD: Record<AnchorName, Point> = {
  'top-left': { x: -1, y: -1 },
  'top-center': { x: 0, y: -1 },
  'top-right': { x: 1, y: -1 },
  'middle-left': { x: -1, y: 0 },
  'middle-right': { x: 1, y: 0 },
  'bottom-left': { x: -1, y: 1 },
  'bottom-center': { x: 0, y: 1 },
  'bottom-right': { x: 1, y: 1 },
}

/** The corner a small box keeps when no handle fits beside it, best first. */
const FALLBACK_CORNERS: AnchorName[] = ['bottom-right', 'bottom-left', 'top-right', 'top-left']

/** The point of the box a handle moves: a corner, or the middle of an edge. */
export function attachPoint(box: StageRect, name: AnchorName): Point {
  const outward = OUTWARD[name]
  return {
    x: box.x + ((outward.x + 1) / 2) * box.width,
    y: box.y + ((outward.y + 1) / 2) * box.height,
  }
}

function square(centre: Point, side: number): StageRect {
  return { x: centre.x - side / 2, y: centre.y - side / 2, width: side, height: side }
}

function contains(outer: StageRect, inner: StageRect): boolean {
  return (
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.width <= outer.x + outer.width &&
    inner.y + inner.height <= outer.y + outer.height
  )
}

function overlaps(a: StageRect, b: StageRect): boolean {
  return visibleArea(a, b) > 0
}

function visibleArea(rect: StageRect, area: StageRect): number {
  const width = Math.min(rect.x + rect.width, area.x + area.width) - Math.max(rect.x, area.x)
  const height = Math.min(rect.y + rect.height, area.y + area.height) - Math.max(rect.y, area.y)
  return width > 0 && height > 0 ? width * height : 0
}

/** Out of the box (1) or into it (-1), per axis; an edge's middle handle has no say along its edge. */
type Sides = { x: 1 | -1; y: 1 | -1 }

/** Both axes out first, then one tucked in, then (only for large boxes) both in. */
const SIDE_PREFERENCE: Sides[] = [
  { x: 1, y: 1 },
  { x: -1, y: 1 },
  { x: 1, y: -1 },
  { x: -1, y: -1 },
]

function placeHandle(box: StageRect, name: AnchorName, targetSize: number, sides: Sides) {
  const outward = OUTWARD[name]
  const attach = attachPoint(box, name)
  // Far enough out (or in) that the whole target clears the outline by HANDLE_GAP.
  const reach = targetSize / 2 + HANDLE_GAP
  const offset = { x: outward.x * sides.x * reach, y: outward.y * sides.y * reach }
  const centre = { x: attach.x + offset.x, y: attach.y + offset.y }
  // A target covers the box only when it is tucked in along every axis it can move on.
  const overBox = (outward.x === 0 || sides.x < 0) && (outward.y === 0 || sides.y < 0)
  return { name, offset, target: square(centre, targetSize), overBox }
}

/** The first placement of a handle that fits in the area and, unless allowed, clears the box. */
function fittingPlacement(
  box: StageRect,
  name: AnchorName,
  targetSize: number,
  area: StageRect,
  mayCoverBox: boolean,
): PlacedHandle | null {
  for (const sides of SIDE_PREFERENCE) {
    const handle = placeHandle(box, name, targetSize, sides)
    if (handle.overBox && !mayCoverBox) continue
    if (contains(area, handle.target)) return handle
  }
  return null
}

/**
 * Where the selected box's resize handles go. Each handle sits outside the box where its target
 * fits in the visible area; where it does not, it slides along the outline (below a box at the
 * left edge, say, rather than left of it), still clear of the box, so a press anywhere on the box
 * moves it. Only a large box (room for three targets along both sides) may take a handle inside a
 * corner, as a box filling the photo must: its body stays almost all free to grab. A smaller box
 * never has a handle over it: handles with no room are dropped, and when none is left it keeps
 * the single outside corner with the most of its target in view. Middle handles appear only on
 * sides with room for three targets and the gaps between them (see anchorsForSize).
 */
export function handleLayout(input: HandleLayoutInput): HandleLayout {
  const { box, area } = input
  const targetSize = Math.max(MIN_TARGET_SIZE, input.handleSize)
  const spacing = targetSize + 2 * HANDLE_GAP
  const large = box.width >= spacing * 3 && box.height >= spacing * 3
  const handles: PlacedHandle[] = []
  for (const name of anchorsForSize(box, spacing)) {
    const handle = fittingPlacement(box, name, targetSize, area, large)
    // Two handles slid towards each other along a short side must not share a target.
    if (handle && !handles.some((kept) => overlaps(kept.target, handle.target))) {
      handles.push(handle)
    }
  }
  if (handles.length === 0 && !large) {
    const outside = { x: 1, y: 1 } as const
    const corners = FALLBACK_CORNERS.map((name) => placeHandle(box, name, targetSize, outside))
    const best = corners.reduce((chosen, corner) =>
      visibleArea(corner.target, area) > visibleArea(chosen.target, area) ? corner : chosen,
    )
    handles.push(best)
  }
  return { targetSize, handles }
}

/**
 * The box a handle's drag asks for: the edges that handle moves go to `attach` (where the point
 * it moves, see attachPoint, is now), the others stay where they were in `start`. An edge dragged
 * past the opposite one gives a negative size, which clampResizeToPhoto refuses.
 */
export function resizeByHandle(start: StageRect, name: AnchorName, attach: Point): StageRect {
  const outward = OUTWARD[name]
  const left = outward.x < 0 ? attach.x : start.x
  const right = outward.x > 0 ? attach.x : start.x + start.width
  const top = outward.y < 0 ? attach.y : start.y
  const bottom = outward.y > 0 ? attach.y : start.y + start.height
  return { x: left, y: top, width: right - left, height: bottom - top }
}
