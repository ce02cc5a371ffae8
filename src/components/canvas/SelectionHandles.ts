import { Konva } from './konva-core'
import { Rect } from 'konva/lib/shapes/Rect'
import type { Group } from 'konva/lib/Group'
import type { AnchorName } from '../../lib/canvas/box-geometry'
import { clampResizeToPhoto, photoToNormalized } from '../../lib/canvas/box-geometry'
import {
  attachPoint,
  HANDLE_SIZE_MOUSE,
  HANDLE_SIZE_TOUCH,
  handleLayout,
  resizeByHandle,
  type HandleLayout,
  type PlacedHandle,
} from '../../lib/canvas/handle-layout'
import type { Point, StageRect } from '../../lib/canvas/types'
import { photoRectOnStage } from '../../lib/canvas/view'
import type { BoxItem, BoxSet } from './BoxSet'
import type { EditorState } from './editor-state'

const ANCHOR_NAMES: AnchorName[] = [
  'top-left',
  'top-center',
  'top-right',
  'middle-left',
  'middle-right',
  'bottom-left',
  'bottom-center',
  'bottom-right',
]

const CURSORS: Record<AnchorName, string> = {
  'top-left': 'nwse-resize',
  'bottom-right': 'nwse-resize',
  'top-right': 'nesw-resize',
  'bottom-left': 'nesw-resize',
  'top-center': 'ns-resize',
  'bottom-center': 'ns-resize',
  'middle-left': 'ew-resize',
  'middle-right': 'ew-resize',
}

function inside(rect: StageRect, point: Point): boolean {
  return (
    point.x >= rect.x &&
    point.y >= rect.y &&
    point.x <= rect.x + rect.width &&
    point.y <= rect.y + rect.height
  )
}

interface ResizeGesture {
  item: BoxItem
  handle: PlacedHandle
  /** The box on the stage when the drag began, and as last accepted. */
  start: StageRect
  accepted: StageRect
  /** Kept for the whole drag, so the handle under the finger never jumps or disappears. */
  layout: HandleLayout
  cancelled: boolean
}

/**
 * The selected box's outline and resize handles, the editor's own (Konva's Transformer was a
 * seventh of the Konva bundle). Each handle is a Rect placed by handleLayout (outside the box
 * where it fits, never covering a small box) whose hit stroke makes its target at least 24 px;
 * dragging one resizes the box, clamped to the photo by clampResizeToPhoto, and reports it when
 * it ends. They live in a group that undoes the stage's zoom and pan, so they are laid out in
 * stage (screen) pixels at any zoom.
 */
export class SelectionHandles {
  readonly group: Group
  private readonly state: EditorState
  private readonly boxes: BoxSet
  private readonly border: Rect
  private readonly anchors = new Map<AnchorName, Rect>()
  private item: BoxItem | null = null
  private gesture: ResizeGesture | null = null
  /** The layout last computed, and the key it was computed for. */
  private cached: { key: string; layout: HandleLayout } | null = null

  constructor(state: EditorState, boxes: BoxSet) {
    this.state = state
    this.boxes = boxes
    this.group = new Konva.Group()
    this.border = new Rect({
      visible: false,
      listening: false,
      stroke: '#ffffff',
      strokeWidth: 1,
      dash: [4, 3],
      perfectDrawEnabled: false,
    })
    this.group.add(this.border)
    for (const name of ANCHOR_NAMES) {
      const anchor = new Rect({
        name: `handle ${name}`,
        visible: false,
        draggable: true,
        fill: '#ffffff',
        stroke: '#1a73e8',
        strokeWidth: 1,
        cornerRadius: 3,
        perfectDrawEnabled: false,
        shadowForStrokeEnabled: false,
        dragBoundFunc: (position: Point): Point => this.resizeTo(position),
      })
      this.bindAnchor(anchor, name)
      this.anchors.set(name, anchor)
      this.group.add(anchor)
    }
  }

  /** The id of the box a handle is resizing now: it wins over the store until the drag ends. */
  get holding(): string | null {
    return this.gesture?.item.id ?? null
  }

  /** Put the handles on this box, or take them away. */
  attach(item: BoxItem | null): void {
    if (item !== this.item && this.gesture) this.cancelGesture()
    this.item = item
    this.update()
  }

  isAttachedTo(id: string): boolean {
    return this.item?.id === id
  }

  /** Whether a handle's target is at this stage point. */
  hitAt(point: Point): boolean {
    return this.targets().some((target) => inside(target, point))
  }

  /** Where the selected box's handles answer the pointer: no tag may sit under them. */
  targets(): StageRect[] {
    const layout = this.layoutNow()
    return layout ? layout.handles.map((handle) => handle.target) : []
  }

  /** The view changed: the same box has a new place and size on screen. */
  followView(): void {
    this.update()
  }

  /** The input kind changed (see EditorState.touchInput): resize the handles to match. */
  resizeForInput(): void {
    this.update()
  }

  /** A pinch took over: put back a box a handle had started to resize, and report nothing. */
  cancelGesture(): void {
    const gesture = this.gesture
    if (!gesture) return
    gesture.cancelled = true
    gesture.item.rect = this.toPhoto(gesture.start)
    const anchor = this.anchors.get(gesture.handle.name)
    if (anchor?.isDragging()) anchor.stopDrag()
    this.gesture = null
    this.update()
  }

  /** Put the outline and handles where the box is on screen now (after it moved or resized). */
  update(): void {
    const { stage } = this.state
    const scale = stage.scaleX()
    // Undo the stage's transform: everything in the group is in stage (screen) pixels.
    this.group.setAttrs({
      scaleX: 1 / scale,
      scaleY: 1 / scale,
      x: -stage.x() / scale,
      y: -stage.y() / scale,
    })
    const item = this.item
    const layout = this.layoutNow()
    if (!item || !layout) {
      this.border.visible(false)
      for (const anchor of this.anchors.values()) anchor.visible(false)
      return
    }
    const box = this.boxes.onStage(item)
    this.border.setAttrs({ ...box, visible: true })
    const size = this.handleSize()
    for (const [name, anchor] of this.anchors) {
      const placed = layout.handles.find((handle) => handle.name === name)
      if (!placed) {
        anchor.visible(false)
        continue
      }
      const point = attachPoint(box, name)
      anchor.setAttrs({
        visible: true,
        x: point.x + placed.offset.x,
        y: point.y + placed.offset.y,
        width: size,
        height: size,
        offsetX: size / 2,
        offsetY: size / 2,
        // The hit stroke straddles the outline: the target square is size + hitStrokeWidth wide.
        hitStrokeWidth: Math.max(0, layout.targetSize - size),
      })
    }
  }

  private handleSize(): number {
    return this.state.touchInput ? HANDLE_SIZE_TOUCH : HANDLE_SIZE_MOUSE
  }

  /** The handle layout for where the box is on screen now; frozen while a handle is dragged. */
  private layoutNow(): HandleLayout | null {
    if (this.gesture) return this.gesture.layout
    const item = this.item
    if (!item) return null
    const { stage } = this.state
    const box = this.boxes.onStage(item)
    const area = { x: 0, y: 0, width: stage.width(), height: stage.height() }
    const handleSize = this.handleSize()
    const key = [box.x, box.y, box.width, box.height, area.width, area.height, handleSize].join()
    if (this.cached?.key !== key) {
      this.cached = { key, layout: handleLayout({ box, handleSize, area }) }
    }
    return this.cached.layout
  }

  private bindAnchor(anchor: Rect, name: AnchorName): void {
    const { state } = this
    anchor.on('mouseenter', () => {
      state.container.style.cursor = CURSORS[name]
    })
    anchor.on('mouseleave', () => {
      if (!this.gesture) state.container.style.cursor = ''
    })
    anchor.on('dragstart', () => {
      const item = this.item
      const layout = this.layoutNow()
      const handle = layout?.handles.find((placed) => placed.name === name)
      if (!item || !layout || !handle) {
        anchor.stopDrag()
        return
      }
      const start = this.boxes.onStage(item)
      this.gesture = { item, handle, start, accepted: start, layout, cancelled: false }
    })
    anchor.on('dragmove', () => {
      this.update()
    })
    anchor.on('dragend', () => {
      const gesture = this.gesture
      this.gesture = null
      state.container.style.cursor = ''
      if (!gesture || gesture.cancelled) return
      this.update()
      state.boxLayer.batchDraw()
      const { item } = gesture
      state.events.change(item.id, photoToNormalized(item.rect, state.photo), 'resize')
    })
  }

  /**
   * A handle's dragBoundFunc: the box its new place asks for, clamped to the photo (each edge on
   * its own; never thinner than the minimum), is applied to the box at once; the handle goes
   * where that box puts it, so it never leaves the outline.
   */
  private resizeTo(position: Point): Point {
    const gesture = this.gesture
    if (!gesture) return position
    const { handle } = gesture
    const attach = { x: position.x - handle.offset.x, y: position.y - handle.offset.y }
    const requested = resizeByHandle(gesture.start, handle.name, attach)
    const photoRect = photoRectOnStage(this.state.view, this.state.photo)
    const accepted = clampResizeToPhoto(gesture.accepted, requested, photoRect)
    gesture.accepted = accepted
    gesture.item.rect = this.toPhoto(accepted)
    const point = attachPoint(accepted, handle.name)
    return { x: point.x + handle.offset.x, y: point.y + handle.offset.y }
  }

  private toPhoto(box: StageRect): StageRect {
    const { scale, x, y } = this.state.view
    return {
      x: (box.x - x) / scale,
      y: (box.y - y) / scale,
      width: box.width / scale,
      height: box.height / scale,
    }
  }
}
