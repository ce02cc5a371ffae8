import { Rect } from 'konva/lib/shapes/Rect'
import type { PixelBox } from '../../lib/geometry'
import { clampPositionToPhoto, photoToNormalized } from '../../lib/canvas/box-geometry'
import type { Point } from '../../lib/canvas/types'
import { photoRectOnStage, stageToPhoto } from '../../lib/canvas/view'
import type { BoxItem, BoxSet } from './BoxSet'
import { localPoint, type EditorState } from './editor-state'
import type { SelectionHandles } from './SelectionHandles'

/**
 * The one Konva node a box is pressed through. The boxes are drawn by one shape that does not
 * listen (BoxSet); when a press lands, before Konva reads it, this invisible Rect is put over
 * the box the press takes (the selected box, else the smallest there: BoxSet.at) and the hit
 * graph redrawn, so Konva's own drag (threshold, window tracking, tap versus drag) moves it and
 * a press inside any box always moves that box rather than panning. It reports taps as
 * selections and drags when they end; the mouse's hover is found the same way.
 */
export class BoxGrab {
  readonly rect: Rect
  private readonly state: EditorState
  private readonly boxes: BoxSet
  private readonly handles: SelectionHandles
  /** Select a box as the user did, before `events.select` reports it. */
  private readonly select: (id: string) => void
  private aimed: BoxItem | null = null
  private gesture: { item: BoxItem; start: PixelBox; cancelled: boolean } | null = null

  constructor(
    state: EditorState,
    boxes: BoxSet,
    handles: SelectionHandles,
    select: (id: string) => void,
  ) {
    this.state = state
    this.boxes = boxes
    this.handles = handles
    this.select = select
    // No fill and no stroke: it draws nothing, yet its area answers the hit graph.
    this.rect = new Rect({
      name: 'box-grab',
      visible: false,
      draggable: state.mode === 'select',
      perfectDrawEnabled: false,
      dragBoundFunc: (position: Point): Point => this.boundDrag(position),
    })
    this.bindEvents()
  }

  /** The id of the box a drag is moving now: it wins over the store until the drag ends. */
  get holding(): string | null {
    return this.gesture?.item.id ?? null
  }

  listen(): void {
    const container = this.state.container
    // Capture: these run before Konva's own listeners on the canvas inside the container.
    for (const type of ['pointerdown', 'mousedown'] as const) {
      container.addEventListener(type, this.onPress, { capture: true })
    }
    container.addEventListener('touchstart', this.onTouchStart, { capture: true })
    container.addEventListener('pointermove', this.onPointerMove)
    container.addEventListener('pointerleave', this.onPointerLeave)
  }

  destroy(): void {
    const container = this.state.container
    for (const type of ['pointerdown', 'mousedown'] as const) {
      container.removeEventListener(type, this.onPress, { capture: true })
    }
    container.removeEventListener('touchstart', this.onTouchStart, { capture: true })
    container.removeEventListener('pointermove', this.onPointerMove)
    container.removeEventListener('pointerleave', this.onPointerLeave)
  }

  setDraggable(draggable: boolean): void {
    this.rect.draggable(draggable)
    if (!draggable) this.aim(null)
  }

  /** A pinch took over: put back a box that one finger had started to drag, and report nothing. */
  cancelGesture(): void {
    const gesture = this.gesture
    if (gesture && this.rect.isDragging()) {
      gesture.cancelled = true
      this.rect.stopDrag()
      gesture.item.rect = gesture.start
      this.rect.position(gesture.start)
      this.handles.update()
      this.state.boxLayer.batchDraw()
    }
    this.gesture = null
  }

  /** Put the rect over the box a press at this stage point takes, or out of the way. */
  aimAt(point: Point): void {
    if (this.gesture || this.state.mode !== 'select') return
    // A handle is above every box: a press on its target resizes, whatever lies under it.
    if (this.handles.hitAt(point)) return
    this.aim(this.boxes.at(stageToPhoto(this.state.view, point)))
  }

  private aim(item: BoxItem | null): void {
    this.aimed = item
    if (item) this.rect.setAttrs({ ...item.rect, visible: true })
    else this.rect.visible(false)
    // The press is read from the hit graph next, by Konva, so it must show the rect now.
    this.state.boxLayer.drawHit()
  }

  private readonly onPress = (event: MouseEvent): void => {
    this.aimAt(localPoint(this.state.container, event.clientX, event.clientY))
  }

  private readonly onTouchStart = (event: TouchEvent): void => {
    const touch = event.touches[0]
    if (event.touches.length === 1 && touch) {
      this.aimAt(localPoint(this.state.container, touch.clientX, touch.clientY))
    }
  }

  private readonly onPointerMove = (event: PointerEvent): void => {
    if (event.pointerType !== 'mouse' || event.buttons !== 0 || this.gesture) return
    const point = localPoint(this.state.container, event.clientX, event.clientY)
    const over = this.handles.hitAt(point)
      ? null
      : this.boxes.at(stageToPhoto(this.state.view, point))
    this.hover(over?.id ?? null)
  }

  private readonly onPointerLeave = (): void => {
    if (!this.gesture) this.hover(null)
  }

  /** A hovered box's tag is shown even where it would collide: redraw when the hover moves. */
  private hover(id: string | null): void {
    const { state } = this
    if (state.hoveredId === id) return
    state.hoveredId = id
    if (state.mode === 'select') state.container.style.cursor = id === null ? '' : 'move'
    state.events.hoverBox(id)
    state.boxLayer.batchDraw()
  }

  private bindEvents(): void {
    const { rect, state } = this
    rect.on('click tap', () => {
      const item = this.aimed
      if (!item || state.mode !== 'select' || state.selectedId === item.id) return
      this.select(item.id)
      state.events.select(item.id)
    })
    rect.on('dragstart', () => {
      const item = this.aimed
      if (!item) return
      this.gesture = { item, start: { ...item.rect }, cancelled: false }
    })
    rect.on('dragmove', () => {
      const gesture = this.gesture
      if (!gesture) return
      gesture.item.rect = { ...gesture.item.rect, x: rect.x(), y: rect.y() }
      if (this.handles.isAttachedTo(gesture.item.id)) this.handles.update()
    })
    rect.on('dragend', () => {
      const gesture = this.gesture
      this.gesture = null
      if (!gesture || gesture.cancelled) return
      const { item } = gesture
      if (state.selectedId !== item.id) {
        this.select(item.id)
        state.events.select(item.id)
      } else {
        this.handles.update()
      }
      state.events.change(item.id, photoToNormalized(item.rect, state.photo), 'drag')
    })
  }

  private boundDrag(position: Point): Point {
    const view = this.state.view
    const size = { width: this.rect.width() * view.scale, height: this.rect.height() * view.scale }
    return clampPositionToPhoto(position, size, photoRectOnStage(view, this.state.photo))
  }
}
