import { Konva } from './konva-core'
import type { Shape } from 'konva/lib/Shape'
import type { KonvaEventObject } from 'konva/lib/Node'
import type { Layer } from 'konva/lib/Layer'
import type { Stage } from 'konva/lib/Stage'
import {
  keyboardDraftBox,
  MIN_BOX_STAGE_SIZE,
  nudgeBox,
  photoToNormalized,
  resizeBoxBy,
} from '../../lib/canvas/box-geometry'
import { stageToPhoto } from '../../lib/canvas/view'
import type { CanvasBox, CanvasView, EditorMode } from '../../lib/canvas/types'
import { BoxDrawing } from './BoxDrawing'
import { BoxGrab } from './BoxGrab'
import { BoxSet } from './BoxSet'
import { BoxTags } from './BoxTags'
import type { BoxEditorEvents, EditorState } from './editor-state'
import { SelectionHandles } from './SelectionHandles'
import { ViewGestures } from './ViewGestures'

export type { BoxEditorEvents } from './editor-state'

export type PhotoSource = ImageBitmap | HTMLImageElement | HTMLCanvasElement

/** A finger wobbles more than a mouse; below these distances a press is a tap, not a drag. */
const DRAG_DISTANCE_MOUSE = 4
const DRAG_DISTANCE_TOUCH = 10
const KEYBOARD_ZOOM_STEP = 1.25
/** The side of the box a keyboard user starts drawing, in screen pixels. */
const KEYBOARD_DRAFT_SIDE = 96
/** A keyboard draft never gets thinner than this on screen: it could not be told from a slip. */
const KEYBOARD_DRAFT_MIN_SIDE = 10

function prefersTouch(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia('(pointer: coarse)').matches
}

function dragDistance(touch: boolean): number {
  return touch ? DRAG_DISTANCE_TOUCH : DRAG_DISTANCE_MOUSE
}

/**
 * The imperative Konva editor behind PhotoCanvas.vue. It owns the stage and its nodes (plain
 * fields, never reactive), reflects the boxes it is given, and reports gestures through `events`
 * when they end. Boxes live in photo-pixel coordinates; the view is the stage's scale and position.
 * The work is done by its parts (BoxSet, BoxGrab, BoxTags, SelectionHandles, ViewGestures,
 * BoxDrawing),
 * which share one EditorState; this class is the API PhotoCanvas.vue calls and wires them up.
 */
export class BoxEditor {
  readonly stage: Stage
  /** The layer whose redraw cost the benchmark measures: every box, tag and the handles. */
  readonly boxLayer: Layer
  /** The photo, drawn by a plain shape: Konva's Image node adds bytes for nothing used here. */
  private readonly imageNode: Shape
  private photoSource: PhotoSource | null = null
  private readonly state: EditorState
  private readonly handles: SelectionHandles
  private readonly boxes: BoxSet
  private readonly grab: BoxGrab
  private readonly drawing: BoxDrawing
  private readonly tags: BoxTags
  private readonly viewGestures: ViewGestures

  constructor(container: HTMLElement, events: BoxEditorEvents) {
    const touchInput = prefersTouch()
    // A full-screen canvas at DPR 3 is 9× the pixels of DPR 1 and past iOS Safari's canvas limit.
    Konva.pixelRatio = Math.min(window.devicePixelRatio || 1, 2)
    // Pinch is read from the container's own touch events, not through Konva's hit detection, so
    // Konva may skip redrawing the hit graph on every frame of a drag or resize (its default).
    Konva.hitOnDragEnabled = false
    Konva.dragDistance = dragDistance(touchInput)

    // Sized as the resize observer will size it (whole pixels, rounded down): a stage made 1 px
    // taller than that is made again at once, every canvas of it.
    const box = container.getBoundingClientRect()
    this.stage = new Konva.Stage({
      container: container as HTMLDivElement,
      width: Math.max(1, Math.floor(box.width)),
      height: Math.max(1, Math.floor(box.height)),
      draggable: true,
      dragBoundFunc: (position) => this.viewGestures.boundPan(position),
    })
    const imageLayer = new Konva.Layer({ listening: false })
    this.imageNode = new Konva.Shape({
      listening: false,
      perfectDrawEnabled: false,
      sceneFunc: (context) => {
        const { width, height } = this.state.photo
        if (this.photoSource) context._context.drawImage(this.photoSource, 0, 0, width, height)
      },
    })
    imageLayer.add(this.imageNode)
    this.boxLayer = new Konva.Layer()
    this.state = {
      stage: this.stage,
      boxLayer: this.boxLayer,
      container,
      events,
      photo: { width: 1, height: 1 },
      view: { scale: 1, x: 0, y: 0 },
      mode: 'select',
      selectedId: null,
      highlightedLabel: null,
      hoveredId: null,
      touchInput,
    }
    this.boxes = new BoxSet(this.state)
    this.handles = new SelectionHandles(this.state, this.boxes)
    this.grab = new BoxGrab(this.state, this.boxes, this.handles, (id) => this.select(id))
    this.tags = new BoxTags(this.state, this.boxes, this.handles, () => this.holding())
    this.drawing = new BoxDrawing(this.state)
    this.viewGestures = new ViewGestures(this.state, imageLayer, this.handles, () => {
      this.grab.cancelGesture()
      this.handles.cancelGesture()
      this.drawing.cancel()
    })
    // Tags above every box, so overlaps never hide a label; the handles above everything.
    this.boxLayer.add(
      this.boxes.shape,
      this.grab.rect,
      this.tags.shape,
      this.drawing.draft,
      this.handles.group,
    )
    this.stage.add(imageLayer, this.boxLayer)
    this.listen()
  }

  // ---- inputs from the component ----

  setImage(image: PhotoSource | null, width: number, height: number): void {
    if (!image) {
      // Between two photos: the old one is gone (its bitmap is closed); the stage stays.
      this.photoSource = null
      this.imageNode.getLayer()?.batchDraw()
      return
    }
    const photo = { width: Math.max(1, width), height: Math.max(1, height) }
    this.state.photo = photo
    this.photoSource = image
    this.boxes.placeAll()
    this.fitToView()
    this.handles.update()
  }

  /** Reflect the store's boxes: create, update and destroy by id, touching only what changed. */
  syncBoxes(boxes: readonly CanvasBox[]): void {
    this.boxes.sync(boxes, this.holding())
    this.applySelection()
    this.boxLayer.batchDraw()
  }

  select(id: string | null): void {
    this.state.selectedId = id
    this.applySelection()
    this.boxLayer.batchDraw()
  }

  highlight(label: string | null): void {
    this.state.highlightedLabel = label
    this.boxes.styleAll()
    this.boxLayer.batchDraw()
  }

  setMode(mode: EditorMode): void {
    this.state.mode = mode
    this.drawing.cancel()
    this.drawing.draft.visible(false)
    const selecting = mode === 'select'
    this.stage.draggable(selecting)
    this.grab.setDraggable(selecting)
    this.state.container.style.cursor = selecting ? '' : 'crosshair'
    this.applySelection()
    this.boxLayer.batchDraw()
  }

  setViewportSize(width: number, height: number): void {
    this.viewGestures.setViewportSize(width, height)
  }

  fitToView(): void {
    this.viewGestures.fit()
  }

  getView(): CanvasView {
    return { ...this.state.view }
  }

  /** Zoom about the viewport's centre (keyboard + and -). */
  zoomBy(factor: number): void {
    this.viewGestures.zoomBy(factor)
  }

  zoomIn(): void {
    this.zoomBy(KEYBOARD_ZOOM_STEP)
  }

  zoomOut(): void {
    this.zoomBy(1 / KEYBOARD_ZOOM_STEP)
  }

  /** Move the selected box by photo pixels and report it; false when nothing is selected. */
  nudgeSelected(dx: number, dy: number): boolean {
    const item = this.boxes.selected()
    if (!item) return false
    const photo = this.state.photo
    const moved = nudgeBox(item.rect, dx, dy, photo)
    item.rect = moved
    this.handles.update()
    this.boxLayer.batchDraw()
    this.state.events.change(item.id, photoToNormalized(moved, photo), 'nudge')
    return true
  }

  /**
   * Arrow keys: move the keyboard draft if one is being drawn, else the selected box (reported
   * as a nudge, which the history merges); false when there is neither.
   */
  moveByKeyboard(dx: number, dy: number): boolean {
    if (this.drawing.keyboardActive) {
      this.drawing.moveKeyboardDraft(dx, dy)
      return true
    }
    return this.nudgeSelected(dx, dy)
  }

  /**
   * Alt or Ctrl with arrow keys: size the keyboard draft or the selected box from its top-left
   * corner by photo pixels, reported as a resize; false when there is neither.
   */
  resizeByKeyboard(dWidth: number, dHeight: number): boolean {
    const scale = this.state.view.scale
    if (this.drawing.keyboardActive) {
      this.drawing.resizeKeyboardDraft(dWidth, dHeight, KEYBOARD_DRAFT_MIN_SIDE / scale)
      return true
    }
    const item = this.boxes.selected()
    if (!item) return false
    const photo = this.state.photo
    const resized = resizeBoxBy(item.rect, dWidth, dHeight, photo, MIN_BOX_STAGE_SIZE / scale)
    item.rect = resized
    this.handles.update()
    this.boxLayer.batchDraw()
    this.state.events.change(item.id, photoToNormalized(resized, photo), 'resize')
    return true
  }

  /**
   * Start drawing a box from the keyboard: a square at the centre of the part of the photo on
   * screen, which arrow keys then move and size. The selection is cleared so the arrows cannot
   * be mistaken for moving it.
   */
  startKeyboardBox(): void {
    const { stage, photo, view } = this.state
    const topLeft = stageToPhoto(view, { x: 0, y: 0 })
    const bottomRight = stageToPhoto(view, { x: stage.width(), y: stage.height() })
    const left = Math.max(0, topLeft.x)
    const top = Math.max(0, topLeft.y)
    const visible = {
      x: left,
      y: top,
      width: Math.max(1, Math.min(photo.width, bottomRight.x) - left),
      height: Math.max(1, Math.min(photo.height, bottomRight.y) - top),
    }
    if (this.state.selectedId !== null) {
      this.select(null)
      this.state.events.select(null)
    }
    this.drawing.startKeyboardDraft(keyboardDraftBox(visible, view.scale, KEYBOARD_DRAFT_SIDE))
  }

  /** Enter: report the keyboard draft as a new box; false when none is being drawn. */
  confirmKeyboardBox(): boolean {
    return this.drawing.confirmKeyboardDraft()
  }

  /** Whether a box is being drawn from the keyboard now. */
  get drawingByKeyboard(): boolean {
    return this.drawing.keyboardActive
  }

  /** Abandon a box being drawn from the keyboard; false when there was none. */
  cancelKeyboardBox(): boolean {
    if (!this.drawing.keyboardActive) return false
    this.drawing.cancel()
    return true
  }

  /** Ask the owner to remove the selected box; false when nothing is selected. */
  removeSelected(): boolean {
    const item = this.boxes.selected()
    if (!item) return false
    this.state.events.remove(item.id)
    return true
  }

  /** Abandon a box being drawn, else clear the selection; false when there was neither. */
  deselect(): boolean {
    if (this.drawing.active) {
      this.drawing.cancel()
      return true
    }
    if (this.state.selectedId === null) return false
    this.select(null)
    this.state.events.select(null)
    return true
  }

  destroy(): void {
    this.viewGestures.destroy()
    this.drawing.destroy()
    this.tags.destroy()
    this.grab.destroy()
    this.boxes.clear()
    this.stage.destroy()
  }

  /** The box a drag or a handle is moving now: the gesture wins over the store until it ends. */
  private holding(): string | null {
    return this.grab.holding ?? this.handles.holding
  }

  private applySelection(): void {
    this.handles.attach(this.state.mode === 'select' ? this.boxes.selected() : null)
  }

  private listen(): void {
    this.viewGestures.listen()
    this.grab.listen()
    this.stage.on('click tap', (event: KonvaEventObject<Event>) => {
      if (event.target !== this.stage || this.state.mode !== 'select') return
      this.deselect()
    })
    // Whichever input was used last decides the handle size: laptops with touch screens exist.
    this.stage.on('mousedown', () => this.useTouchSizing(false))
    this.stage.on('touchstart', () => this.useTouchSizing(true))
    this.drawing.listen()
  }

  private useTouchSizing(touch: boolean): void {
    if (touch === this.state.touchInput) return
    this.state.touchInput = touch
    Konva.dragDistance = dragDistance(touch)
    this.handles.resizeForInput()
    this.boxLayer.batchDraw()
  }
}
