import type { CanvasView, Point, Size, StageRect, TouchPair, ZoomLimits } from './types'

/** Space kept around a fitted photo so its edges and the handles on them stay reachable. */
export const FIT_MARGIN = 8

/** The view that shows the whole photo centred in the viewport (small photos are enlarged). */
export function fitView(photo: Size, viewport: Size, margin = FIT_MARGIN): CanvasView {
  if (photo.width <= 0 || photo.height <= 0 || viewport.width <= 0 || viewport.height <= 0) {
    return { scale: 1, x: 0, y: 0 }
  }
  const availableWidth = Math.max(1, viewport.width - 2 * margin)
  const availableHeight = Math.max(1, viewport.height - 2 * margin)
  const scale = Math.min(availableWidth / photo.width, availableHeight / photo.height)
  return {
    scale,
    x: (viewport.width - photo.width * scale) / 2,
    y: (viewport.height - photo.height * scale) / 2,
  }
}

/** From half the fitted size (room to see edges) up to 16× it or 8 screen px per photo px. */
export function zoomLimits(fitScale: number): ZoomLimits {
  return { min: fitScale / 2, max: Math.max(fitScale * 16, 8) }
}

export function clampScale(scale: number, limits: ZoomLimits): number {
  return Math.min(limits.max, Math.max(limits.min, scale))
}

/** The photo point under a stage point. */
export function stageToPhoto(view: CanvasView, stagePoint: Point): Point {
  return { x: (stagePoint.x - view.x) / view.scale, y: (stagePoint.y - view.y) / view.scale }
}

/** The stage point where a photo point is drawn. */
export function photoToStage(view: CanvasView, photoPoint: Point): Point {
  return { x: view.x + photoPoint.x * view.scale, y: view.y + photoPoint.y * view.scale }
}

/** Where the photo's rectangle lies on the stage: what boxes are clamped to while dragging. */
export function photoRectOnStage(view: CanvasView, photo: Size): StageRect {
  return {
    x: view.x,
    y: view.y,
    width: photo.width * view.scale,
    height: photo.height * view.scale,
  }
}

/**
 * Scale to `requestedScale` (clamped to the limits) while the photo point under `anchor` stays
 * under it: the behaviour of map apps for wheel zoom and pinch.
 */
export function zoomAboutPoint(
  view: CanvasView,
  anchor: Point,
  requestedScale: number,
  limits: ZoomLimits,
): CanvasView {
  const scale = clampScale(requestedScale, limits)
  const fixed = stageToPhoto(view, anchor)
  return { scale, x: anchor.x - fixed.x * scale, y: anchor.y - fixed.y * scale }
}

/** Wheel deltas come in pixels, lines or pages; this turns them into pixels. */
export function wheelDeltaPixels(deltaY: number, deltaMode: number, pageHeight: number): number {
  if (deltaMode === 1) return deltaY * 16
  if (deltaMode === 2) return deltaY * pageHeight
  return deltaY
}

export type WheelIntent = 'zoom' | 'pan'

/**
 * What a wheel event means here. A mouse wheel zooms, as in map apps. A trackpad's two-finger
 * scroll pans: it is the only source of horizontal deltas (and Shift turns a wheel sideways).
 * A trackpad pinch arrives with ctrlKey set and always zooms.
 */
export function wheelIntent(event: {
  deltaX: number
  ctrlKey: boolean
  shiftKey: boolean
}): WheelIntent {
  if (event.ctrlKey) return 'zoom'
  return event.deltaX !== 0 || event.shiftKey ? 'pan' : 'zoom'
}

/**
 * Zoom factor for one wheel event. Trackpad pinches arrive as ctrl+wheel with small deltas, so they
 * get a stronger gain; a mouse notch (100 px) zooms by about 22 %. Large bursts are capped so a
 * fast flick cannot jump through the whole zoom range at once.
 */
export function wheelZoomFactor(deltaPixels: number, isPinch: boolean): number {
  const gain = isPinch ? 0.01 : 0.002
  const exponent = Math.max(-0.5, Math.min(0.5, -deltaPixels * gain))
  return Math.exp(exponent)
}

export function touchMidpoint(touches: TouchPair): Point {
  return {
    x: (touches.first.x + touches.second.x) / 2,
    y: (touches.first.y + touches.second.y) / 2,
  }
}

export function touchDistance(touches: TouchPair): number {
  return Math.hypot(touches.second.x - touches.first.x, touches.second.y - touches.first.y)
}

/**
 * The view during a two-finger pinch, computed from where the gesture started (not incrementally,
 * so rounding never accumulates): the photo point that was under the starting midpoint follows the
 * current midpoint, and the scale follows the ratio of finger distances.
 */
export function pinchView(
  startView: CanvasView,
  startTouches: TouchPair,
  currentTouches: TouchPair,
  limits: ZoomLimits,
): CanvasView {
  const startDistance = touchDistance(startTouches)
  const ratio = startDistance > 0 ? touchDistance(currentTouches) / startDistance : 1
  const scale = clampScale(startView.scale * ratio, limits)
  const fixed = stageToPhoto(startView, touchMidpoint(startTouches))
  const midpoint = touchMidpoint(currentTouches)
  return { scale, x: midpoint.x - fixed.x * scale, y: midpoint.y - fixed.y * scale }
}

/**
 * Keep at least `minVisible` stage pixels of the photo inside the viewport on each axis (less if
 * the photo itself is smaller), so panning can never lose the photo off screen.
 */
export function clampViewToViewport(
  view: CanvasView,
  photo: Size,
  viewport: Size,
  minVisible = 48,
): CanvasView {
  const width = photo.width * view.scale
  const height = photo.height * view.scale
  const keepX = Math.min(minVisible, width, viewport.width)
  const keepY = Math.min(minVisible, height, viewport.height)
  const x = Math.min(viewport.width - keepX, Math.max(keepX - width, view.x))
  const y = Math.min(viewport.height - keepY, Math.max(keepY - height, view.y))
  return { scale: view.scale, x, y }
}

/** True when two views differ by less than what anyone could see. */
export function sameView(a: CanvasView, b: CanvasView): boolean {
  return (
    Math.abs(a.scale - b.scale) < 1e-9 && Math.abs(a.x - b.x) < 1e-6 && Math.abs(a.y - b.y) < 1e-6
  )
}
