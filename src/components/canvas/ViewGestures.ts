import type { KonvaEventObject } from 'konva/lib/Node'
import type { Layer } from 'konva/lib/Layer'
import type { CanvasView, Point, Size, TouchPair, ZoomLimits } from '../../lib/canvas/types'
import {
  clampViewToViewport,
  fitView,
  pinchView,
  sameView,
  wheelDeltaPixels,
  wheelIntent,
  wheelZoomFactor,
  zoomAboutPoint,
  zoomLimits,
} from '../../lib/canvas/view'
import { localPoint, type EditorState } from './editor-state'
import type { SelectionHandles } from './SelectionHandles'

/** No wheel event for this long ends a wheel "gesture" and reports the view once. */
const WHEEL_SETTLE_MS = 200

/**
 * The view (zoom and pan), which is the stage's own scale and position: fit, keyboard zoom, wheel
 * zoom and trackpad pan, dragging the stage, and two-finger pinch. Every change goes through
 * `applyView`, which keeps the handles in step and reports it through `events.viewUpdate`.
 */
export class ViewGestures {
  private readonly state: EditorState
  private readonly imageLayer: Layer
  private readonly handles: SelectionHandles
  /** Whatever one finger started (a box drag, a draw) is undone when a second finger lands. */
  private readonly cancelForPinch: () => void
  /** Until the user zooms or pans, resizing the viewport refits the photo. */
  private fitted = true
  private pinchStart: { view: CanvasView; touches: TouchPair } | null = null
  private wheelTimer: ReturnType<typeof setTimeout> | null = null
  private sceneFrame: number | null = null

  constructor(
    state: EditorState,
    imageLayer: Layer,
    handles: SelectionHandles,
    cancelForPinch: () => void,
  ) {
    this.state = state
    this.imageLayer = imageLayer
    this.handles = handles
    this.cancelForPinch = cancelForPinch
  }

  listen(): void {
    const { stage, container, events } = this.state
    stage.on('dragmove', (event: KonvaEventObject<DragEvent>) => {
      if (event.target !== stage || this.pinchStart) return
      this.fitted = false
      this.state.view = { scale: this.state.view.scale, x: stage.x(), y: stage.y() }
      // The handles are laid out in screen pixels: a pan moves them, and may slide them.
      this.handles.followView()
      events.viewUpdate({ ...this.state.view }, false)
    })
    stage.on('dragstart', (event: KonvaEventObject<DragEvent>) => {
      if (event.target === stage) container.style.cursor = 'grabbing'
    })
    stage.on('dragend', (event: KonvaEventObject<DragEvent>) => {
      if (event.target === stage) container.style.cursor = ''
      if (event.target !== stage || this.pinchStart) return
      this.state.view = { scale: this.state.view.scale, x: stage.x(), y: stage.y() }
      events.viewUpdate({ ...this.state.view }, true)
    })
    container.addEventListener('wheel', this.onWheel, { passive: false })
    container.addEventListener('touchstart', this.onTouchStart, { passive: false })
    container.addEventListener('touchmove', this.onTouchMove, { passive: false })
    container.addEventListener('touchend', this.onTouchEnd)
    container.addEventListener('touchcancel', this.onTouchEnd)
  }

  destroy(): void {
    const container = this.state.container
    if (this.wheelTimer !== null) clearTimeout(this.wheelTimer)
    if (this.sceneFrame !== null) cancelAnimationFrame(this.sceneFrame)
    container.removeEventListener('wheel', this.onWheel)
    container.removeEventListener('touchstart', this.onTouchStart)
    container.removeEventListener('touchmove', this.onTouchMove)
    container.removeEventListener('touchend', this.onTouchEnd)
    container.removeEventListener('touchcancel', this.onTouchEnd)
  }

  fit(): void {
    this.fitted = true
    this.applyView(fitView(this.state.photo, this.viewport()), true)
  }

  setViewportSize(width: number, height: number): void {
    const stage = this.state.stage
    if (width <= 0 || height <= 0) return
    if (width === stage.width() && height === stage.height()) return
    stage.size({ width, height })
    if (this.fitted) this.fit()
    else this.applyView(this.clampToViewport(this.state.view), true)
  }

  /** Zoom about the viewport's centre (keyboard + and -). */
  zoomBy(factor: number): void {
    const view = this.state.view
    const viewport = this.viewport()
    const centre = { x: viewport.width / 2, y: viewport.height / 2 }
    this.fitted = false
    const next = zoomAboutPoint(view, centre, view.scale * factor, this.limits())
    this.applyView(this.clampToViewport(next), true)
  }

  /** The stage's dragBoundFunc: a pan never loses the photo off screen. */
  boundPan(position: Point): Point {
    const clamped = this.clampToViewport({ scale: this.state.view.scale, ...position })
    return { x: clamped.x, y: clamped.y }
  }

  private viewport(): Size {
    return { width: this.state.stage.width(), height: this.state.stage.height() }
  }

  private limits(): ZoomLimits {
    return zoomLimits(fitView(this.state.photo, this.viewport()).scale)
  }

  private clampToViewport(view: CanvasView): CanvasView {
    return clampViewToViewport(view, this.state.photo, this.viewport())
  }

  private applyView(view: CanvasView, settled: boolean): void {
    const { stage, events } = this.state
    const changed = !sameView(view, this.state.view)
    this.state.view = view
    stage.setAttrs({ scaleX: view.scale, scaleY: view.scale, x: view.x, y: view.y })
    this.handles.followView()
    if (settled) stage.batchDraw()
    else this.scheduleSceneDraw()
    if (changed || settled) events.viewUpdate({ ...view }, settled)
  }

  /**
   * Mid-gesture zoom frames redraw only what is seen; the hit graph (what taps find) is redrawn
   * once the gesture settles, as Konva itself does for drags.
   */
  private scheduleSceneDraw(): void {
    if (this.sceneFrame !== null) return
    this.sceneFrame = requestAnimationFrame(() => {
      this.sceneFrame = null
      this.imageLayer.drawScene()
      this.state.boxLayer.drawScene()
    })
  }

  private readonly onWheel = (event: WheelEvent): void => {
    event.preventDefault()
    const { stage, view } = this.state
    const page = stage.height()
    const deltaX = wheelDeltaPixels(event.deltaX, event.deltaMode, page)
    const deltaY = wheelDeltaPixels(event.deltaY, event.deltaMode, page)
    if (deltaX === 0 && deltaY === 0) return
    this.fitted = false
    let next: CanvasView
    if (wheelIntent(event) === 'pan') {
      // Shift+wheel scrolls sideways on a mouse; some browsers leave the delta in deltaY.
      const sideways = event.shiftKey && deltaX === 0
      next = {
        scale: view.scale,
        x: view.x - (sideways ? deltaY : deltaX),
        y: view.y - (sideways ? 0 : deltaY),
      }
    } else {
      // Trackpad pinches arrive as wheel events with ctrlKey set.
      const factor = wheelZoomFactor(deltaY, event.ctrlKey)
      const anchor = localPoint(this.state.container, event.clientX, event.clientY)
      next = zoomAboutPoint(view, anchor, view.scale * factor, this.limits())
    }
    this.applyView(this.clampToViewport(next), false)
    if (this.wheelTimer !== null) clearTimeout(this.wheelTimer)
    this.wheelTimer = setTimeout(() => {
      this.wheelTimer = null
      stage.batchDraw()
      this.state.events.viewUpdate({ ...this.state.view }, true)
    }, WHEEL_SETTLE_MS)
  }

  private touchPair(event: TouchEvent): TouchPair | null {
    const first = event.touches[0]
    const second = event.touches[1]
    if (!first || !second) return null
    const container = this.state.container
    return {
      first: localPoint(container, first.clientX, first.clientY),
      second: localPoint(container, second.clientX, second.clientY),
    }
  }

  private readonly onTouchStart = (event: TouchEvent): void => {
    const touches = this.touchPair(event)
    if (!touches) return
    event.preventDefault()
    this.pinchStart = { view: { ...this.state.view }, touches }
    this.cancelGesturesForPinch()
  }

  private readonly onTouchMove = (event: TouchEvent): void => {
    const touches = this.touchPair(event)
    if (!touches) return
    event.preventDefault()
    // Konva may have begun a one-finger drag from either finger; the pinch overrides it.
    this.cancelGesturesForPinch()
    if (!this.pinchStart) {
      this.pinchStart = { view: { ...this.state.view }, touches }
      return
    }
    this.fitted = false
    const next = pinchView(this.pinchStart.view, this.pinchStart.touches, touches, this.limits())
    this.applyView(this.clampToViewport(next), false)
  }

  private readonly onTouchEnd = (event: TouchEvent): void => {
    if (!this.pinchStart || event.touches.length >= 2) return
    const stage = this.state.stage
    this.pinchStart = null
    // The finger left on the glass must not start a pan from where the pinch ended.
    if (stage.isDragging()) stage.stopDrag()
    stage.batchDraw()
    this.state.events.viewUpdate({ ...this.state.view }, true)
  }

  /** A second finger turns whatever one finger started into a pinch, and undoes its effect. */
  private cancelGesturesForPinch(): void {
    const stage = this.state.stage
    if (stage.isDragging()) stage.stopDrag()
    this.cancelForPinch()
  }
}
