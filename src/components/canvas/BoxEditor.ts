import { Konva } from './konva-core'
import { Image as KonvaImage } from 'konva/lib/shapes/Image'
import { Rect } from 'konva/lib/shapes/Rect'
import { Shape } from 'konva/lib/Shape'
import { Transformer } from 'konva/lib/shapes/Transformer'
import type { KonvaEventObject } from 'konva/lib/Node'
import type { Context } from 'konva/lib/Context'
import type { Group } from 'konva/lib/Group'
import type { Layer } from 'konva/lib/Layer'
import type { Stage } from 'konva/lib/Stage'
import type { NormalizedBox, PixelBox } from '../../lib/geometry'
import {
  boxFromCorners,
  clampPositionToPhoto,
  clampResizeToPhoto,
  foldScale,
  isAccidentalBox,
  normalizedToPhoto,
  nudgeBox,
  photoToNormalized,
} from '../../lib/canvas/box-geometry'
import { tagTextColor, translucent } from '../../lib/canvas/colors'
import {
  HANDLE_SIZE_MOUSE,
  HANDLE_SIZE_TOUCH,
  handleLayout,
  type HandleLayout,
} from '../../lib/canvas/handle-layout'
import { tagTexts } from '../../lib/canvas/tag'
import { layoutTags, type TagSubject } from '../../lib/canvas/tag-layout'
import type {
  BoxGesture,
  CanvasBox,
  CanvasView,
  EditorMode,
  Point,
  Size,
  StageRect,
  TouchPair,
} from '../../lib/canvas/types'
import {
  clampViewToViewport,
  fitView,
  photoRectOnStage,
  pinchView,
  sameView,
  stageToPhoto,
  wheelDeltaPixels,
  wheelIntent,
  wheelZoomFactor,
  zoomAboutPoint,
  zoomLimits,
} from '../../lib/canvas/view'

/** What the editor tells its owner. Everything except `viewUpdate` fires at the end of a gesture. */
export interface BoxEditorEvents {
  select(id: string | null): void
  /** A box's new geometry, with the gesture that made it (the history merges quick nudges). */
  change(id: string, box: NormalizedBox, gesture: BoxGesture): void
  remove(id: string): void
  draw(box: NormalizedBox): void
  hoverBox(id: string | null): void
  /** Every view update; `settled` is true once the gesture that caused it has ended. */
  viewUpdate(view: CanvasView, settled: boolean): void
}

export type PhotoSource = ImageBitmap | HTMLImageElement | HTMLCanvasElement

/** What a box's tag may say (longest first, see tagTexts) and its colours. */
interface TagStyle {
  texts: string[]
  background: string
  foreground: string
}

interface BoxNodes {
  rect: Rect
  tag: TagStyle
  data: CanvasBox
}

const STROKE_WIDTH = 2
const HIGHLIGHT_STROKE_WIDTH = 4
const DIMMED_OPACITY = 0.3
const TAG_FONT = 'bold 13px system-ui, sans-serif'
const TAG_HEIGHT = 20
const TAG_PADDING = 4
/** Text widths measured in TAG_FONT, kept across draws; cleared past this many distinct texts. */
const MEASURE_CACHE_LIMIT = 5000
/** A finger wobbles more than a mouse; below these distances a press is a tap, not a drag. */
const DRAG_DISTANCE_MOUSE = 4
const DRAG_DISTANCE_TOUCH = 10
/** No wheel event for this long ends a wheel "gesture" and reports the view once. */
const WHEEL_SETTLE_MS = 200
const KEYBOARD_ZOOM_STEP = 1.25

function prefersTouch(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia('(pointer: coarse)').matches
}

/**
 * The imperative Konva editor behind PhotoCanvas.vue. It owns the stage and its nodes (plain
 * fields, never reactive), reflects the boxes it is given, and reports gestures through `events`
 * when they end. Boxes live in photo-pixel coordinates; the view is the stage's scale and position.
 */
export class BoxEditor {
  readonly stage: Stage
  /** The layer whose redraw cost the benchmark measures: every box, tag and the handles. */
  readonly boxLayer: Layer
  private readonly imageLayer: Layer
  private readonly imageNode: KonvaImage
  private readonly rectGroup: Group
  private readonly tags: Shape
  private readonly transformer: Transformer
  private readonly draft: Rect
  private readonly nodes = new Map<string, BoxNodes>()
  private readonly container: HTMLElement
  private readonly events: BoxEditorEvents
  private photo: Size = { width: 1, height: 1 }
  private view: CanvasView = { scale: 1, x: 0, y: 0 }
  /** Until the user zooms or pans, resizing the viewport refits the photo. */
  private fitted = true
  private mode: EditorMode = 'select'
  private selectedId: string | null = null
  private highlightedLabel: string | null = null
  /** The box under the mouse: its tag is always shown, like the selected box's. */
  private hoveredId: string | null = null
  private readonly tagWidths = new Map<string, number>()
  /** The handle layout the transformer last used, and the key it was computed for. */
  private handles: { key: string; layout: HandleLayout } | null = null
  private touchInput: boolean
  private gestureRect: Rect | null = null
  private gestureStart: Point = { x: 0, y: 0 }
  private gestureCancelled = false
  private pinchStart: { view: CanvasView; touches: TouchPair } | null = null
  private drawStart: Point | null = null
  private drawPointerId: number | null = null
  private wheelTimer: ReturnType<typeof setTimeout> | null = null
  private sceneFrame: number | null = null

  constructor(container: HTMLElement, events: BoxEditorEvents) {
    this.container = container
    this.events = events
    this.touchInput = prefersTouch()
    // A full-screen canvas at DPR 3 is 9× the pixels of DPR 1 and past iOS Safari's canvas limit.
    Konva.pixelRatio = Math.min(window.devicePixelRatio || 1, 2)
    // Pinch is read from the container's own touch events, not through Konva's hit detection, so
    // Konva may skip redrawing the hit graph on every frame of a drag or resize (its default).
    Konva.hitOnDragEnabled = false
    Konva.dragDistance = this.touchInput ? DRAG_DISTANCE_TOUCH : DRAG_DISTANCE_MOUSE

    this.stage = new Konva.Stage({
      container: container as HTMLDivElement,
      width: Math.max(1, container.clientWidth),
      height: Math.max(1, container.clientHeight),
      draggable: true,
      dragBoundFunc: (position) => this.boundPan(position),
    })
    this.imageLayer = new Konva.Layer({ listening: false })
    this.imageNode = new KonvaImage({
      image: undefined,
      listening: false,
      perfectDrawEnabled: false,
    })
    this.imageLayer.add(this.imageNode)
    this.boxLayer = new Konva.Layer()
    this.rectGroup = new Konva.Group()
    // All tags are one shape drawn in one pass, above every box so overlaps never hide a label.
    // As Konva Text nodes they cost 2–3× the boxes themselves (a font switch and a transform each).
    this.tags = new Shape({
      listening: false,
      perfectDrawEnabled: false,
      sceneFunc: (context) => this.drawTags(context),
    })
    this.draft = new Rect({
      visible: false,
      stroke: '#ffffff',
      strokeWidth: STROKE_WIDTH,
      dash: [6, 4],
      strokeScaleEnabled: false,
      fill: 'rgba(255, 255, 255, 0.15)',
      listening: false,
      perfectDrawEnabled: false,
      shadowForStrokeEnabled: false,
    })
    this.transformer = new Transformer({
      rotateEnabled: false,
      flipEnabled: false,
      keepRatio: false,
      ignoreStroke: true,
      anchorSize: this.anchorSize(),
      // Handles are placed one by one (handleLayout), outside the box where they fit.
      padding: 0,
      anchorStyleFunc: (anchor) => this.styleAnchor(anchor),
      anchorCornerRadius: 3,
      anchorStroke: '#1a73e8',
      anchorFill: '#ffffff',
      borderStroke: '#ffffff',
      borderDash: [4, 3],
      boundBoxFunc: (previous, requested) => ({
        ...clampResizeToPhoto(previous, requested, photoRectOnStage(this.view, this.photo)),
        rotation: 0,
      }),
    })
    this.boxLayer.add(this.rectGroup, this.tags, this.draft, this.transformer)
    this.stage.add(this.imageLayer, this.boxLayer)
    this.listen()
  }

  // ---- inputs from the component ----

  setImage(image: PhotoSource, width: number, height: number): void {
    this.photo = { width: Math.max(1, width), height: Math.max(1, height) }
    this.imageNode.setAttrs({ image, width: this.photo.width, height: this.photo.height })
    for (const nodes of this.nodes.values()) this.placeBox(nodes)
    this.fitToView()
  }

  /** Reflect the store's boxes: create, update and destroy by id, touching only what changed. */
  syncBoxes(boxes: readonly CanvasBox[]): void {
    const seen = new Set<string>()
    let created = false
    for (const box of boxes) {
      seen.add(box.id)
      const existing = this.nodes.get(box.id)
      if (existing) {
        this.updateBox(existing, box)
      } else {
        this.nodes.set(box.id, this.createBox(box))
        created = true
      }
    }
    for (const [id, nodes] of this.nodes) {
      if (seen.has(id)) continue
      nodes.rect.destroy()
      this.nodes.delete(id)
    }
    if (created) this.stackBySize()
    this.applySelection()
    this.boxLayer.batchDraw()
  }

  select(id: string | null): void {
    this.selectedId = id
    this.applySelection()
    this.boxLayer.batchDraw()
  }

  highlight(label: string | null): void {
    this.highlightedLabel = label
    for (const nodes of this.nodes.values()) this.styleBox(nodes)
    this.boxLayer.batchDraw()
  }

  setMode(mode: EditorMode): void {
    this.mode = mode
    this.cancelDraw()
    this.draft.visible(false)
    const selecting = mode === 'select'
    this.stage.draggable(selecting)
    for (const nodes of this.nodes.values()) nodes.rect.draggable(selecting)
    this.container.style.cursor = selecting ? '' : 'crosshair'
    this.applySelection()
    this.boxLayer.batchDraw()
  }

  setViewportSize(width: number, height: number): void {
    if (width <= 0 || height <= 0) return
    if (width === this.stage.width() && height === this.stage.height()) return
    this.stage.size({ width, height })
    if (this.fitted) this.fitToView()
    else this.applyView(this.clampToViewport(this.view), true)
  }

  fitToView(): void {
    this.fitted = true
    this.applyView(fitView(this.photo, this.viewport()), true)
  }

  getView(): CanvasView {
    return { ...this.view }
  }

  /** Zoom about the viewport's centre (keyboard + and -). */
  zoomBy(factor: number): void {
    const viewport = this.viewport()
    const centre = { x: viewport.width / 2, y: viewport.height / 2 }
    this.fitted = false
    const next = zoomAboutPoint(this.view, centre, this.view.scale * factor, this.limits())
    this.applyView(this.clampToViewport(next), true)
  }

  zoomIn(): void {
    this.zoomBy(KEYBOARD_ZOOM_STEP)
  }

  zoomOut(): void {
    this.zoomBy(1 / KEYBOARD_ZOOM_STEP)
  }

  /** Move the selected box by photo pixels and report it; false when nothing is selected. */
  nudgeSelected(dx: number, dy: number): boolean {
    const nodes = this.selectedNodes()
    if (!nodes) return false
    const moved = nudgeBox(this.rectBox(nodes.rect), dx, dy, this.photo)
    nodes.rect.position({ x: moved.x, y: moved.y })
    this.transformer.forceUpdate()
    this.boxLayer.batchDraw()
    this.events.change(nodes.data.id, photoToNormalized(moved, this.photo), 'nudge')
    return true
  }

  /** Ask the owner to remove the selected box; false when nothing is selected. */
  removeSelected(): boolean {
    const nodes = this.selectedNodes()
    if (!nodes) return false
    this.events.remove(nodes.data.id)
    return true
  }

  /** Abandon a box being drawn, else clear the selection; false when there was neither. */
  deselect(): boolean {
    if (this.drawStart !== null) {
      this.cancelDraw()
      return true
    }
    if (this.selectedId === null) return false
    this.select(null)
    this.events.select(null)
    return true
  }

  destroy(): void {
    if (this.wheelTimer !== null) clearTimeout(this.wheelTimer)
    if (this.sceneFrame !== null) cancelAnimationFrame(this.sceneFrame)
    this.container.removeEventListener('wheel', this.onWheel)
    this.container.removeEventListener('touchstart', this.onTouchStart)
    this.container.removeEventListener('touchmove', this.onTouchMove)
    this.container.removeEventListener('touchend', this.onTouchEnd)
    this.container.removeEventListener('touchcancel', this.onTouchEnd)
    this.container.removeEventListener('pointerdown', this.onPointerDown)
    this.container.removeEventListener('pointermove', this.onPointerMove)
    this.container.removeEventListener('pointerup', this.onPointerUp)
    this.container.removeEventListener('pointercancel', this.onPointerCancel)
    this.nodes.clear()
    this.stage.destroy()
  }

  // ---- boxes ----

  private createBox(box: CanvasBox): BoxNodes {
    const rect: Rect = new Rect({
      id: box.id,
      strokeWidth: STROKE_WIDTH,
      // Outlines stay 2 screen pixels at any zoom instead of growing with the photo.
      strokeScaleEnabled: false,
      perfectDrawEnabled: false,
      shadowForStrokeEnabled: false,
      draggable: this.mode === 'select',
      dragBoundFunc: (position: Point): Point => this.boundBoxDrag(rect, position),
    })
    const tag: TagStyle = { texts: [], background: '', foreground: '' }
    const nodes: BoxNodes = { rect, tag, data: box }
    this.rectGroup.add(rect)
    this.bindBoxEvents(nodes)
    this.updateBox(nodes, box, true)
    return nodes
  }

  private updateBox(nodes: BoxNodes, box: CanvasBox, force = false): void {
    const previous = nodes.data
    nodes.data = box
    // The gesture in progress on this box wins until it ends and the store answers.
    const inGesture = nodes.rect === this.gestureRect
    if (!inGesture) this.placeBox(nodes)
    if (force || previous.color !== box.color) {
      nodes.rect.stroke(box.color)
      nodes.rect.fill(translucent(box.color))
      nodes.tag.background = box.color
      nodes.tag.foreground = tagTextColor(box.color)
    }
    if (
      force ||
      previous.label !== box.label ||
      previous.confidence !== box.confidence ||
      previous.edited !== box.edited
    ) {
      nodes.tag.texts = tagTexts(box.label, box.confidence, box.edited)
    }
    if (force || previous.visible !== box.visible) {
      // Hidden, not destroyed: toggling a label back on costs no node creation.
      nodes.rect.visible(box.visible)
    }
    if (force || previous.label !== box.label) this.styleBox(nodes)
  }

  /** Put a box's rect where its normalised box says, unless it is already there. */
  private placeBox(nodes: BoxNodes): void {
    const target = normalizedToPhoto(nodes.data.box, this.photo)
    const rect = nodes.rect
    // Photo pixels → fractions → photo pixels is not exact in floating point; a box the store
    // echoes back after a gesture must not be touched (and redrawn) over 1e-9 of a pixel.
    const near = (a: number, b: number) => Math.abs(a - b) < 1e-6
    if (
      !near(rect.x(), target.x) ||
      !near(rect.y(), target.y) ||
      !near(rect.width(), target.width) ||
      !near(rect.height(), target.height) ||
      rect.scaleX() !== 1 ||
      rect.scaleY() !== 1
    ) {
      rect.setAttrs({ ...target, scaleX: 1, scaleY: 1 })
      if (this.transformer.nodes()[0] === rect) this.transformer.forceUpdate()
    }
  }

  /**
   * Every visible tag, at a constant screen size whatever the zoom, placed by layoutTags so no
   * two overlap: the context is scaled back to stage pixels once, the font set once. Boxes are
   * read from the rects as they are now, so tags follow drags and resizes without being updated.
   */
  private drawTags(context: Context): void {
    const native = context._context
    const scale = this.stage.scaleX()
    const origin = { x: this.stage.x(), y: this.stage.y() }
    native.save()
    native.scale(1 / scale, 1 / scale)
    native.translate(-origin.x, -origin.y)
    native.font = TAG_FONT
    native.textBaseline = 'middle'
    const drawn: BoxNodes[] = []
    const subjects: TagSubject[] = []
    for (const nodes of this.nodes.values()) {
      if (!nodes.data.visible) continue
      drawn.push(nodes)
      subjects.push(this.tagSubject(nodes, scale, origin))
    }
    const placements = layoutTags(subjects, {
      measure: (text) => this.measureTag(native, text),
      height: TAG_HEIGHT,
      padding: TAG_PADDING,
      bounds: this.tagBounds(scale, origin),
      obstacles: this.handleTargets(),
    })
    // Forced tags (a selected or highlighted box with no free spot) last, so they stay readable.
    for (const forcedPass of [false, true]) {
      placements.forEach((placement, index) => {
        const nodes = drawn[index]
        if (!placement.shown || placement.forced !== forcedPass || !nodes) return
        const { rect, text } = placement
        native.globalAlpha = nodes.rect.opacity()
        native.fillStyle = nodes.tag.background
        native.fillRect(rect.x, rect.y, rect.width, rect.height)
        native.fillStyle = nodes.tag.foreground
        native.fillText(text, rect.x + TAG_PADDING, rect.y + TAG_HEIGHT / 2)
      })
    }
    native.restore()
  }

  private tagSubject(nodes: BoxNodes, scale: number, origin: Point): TagSubject {
    const rect = nodes.rect
    const id = nodes.data.id
    return {
      box: {
        x: origin.x + rect.x() * scale,
        y: origin.y + rect.y() * scale,
        width: rect.width() * rect.scaleX() * scale,
        height: rect.height() * rect.scaleY() * scale,
      },
      texts: nodes.tag.texts,
      confidence: nodes.data.confidence,
      // The box being dragged keeps its tag too, before it becomes the selected one.
      selected: id === this.selectedId || rect === this.gestureRect,
      hovered: id === this.hoveredId,
      highlighted: this.highlightedLabel !== null && nodes.data.label === this.highlightedLabel,
    }
  }

  /** Tags stay on the part of the photo that is on screen, as they stay on the exported one. */
  private tagBounds(scale: number, origin: Point): StageRect {
    const left = Math.max(0, origin.x)
    const top = Math.max(0, origin.y)
    const right = Math.min(this.stage.width(), origin.x + this.photo.width * scale)
    const bottom = Math.min(this.stage.height(), origin.y + this.photo.height * scale)
    return { x: left, y: top, width: Math.max(0, right - left), height: Math.max(0, bottom - top) }
  }

  private measureTag(native: CanvasRenderingContext2D, text: string): number {
    let width = this.tagWidths.get(text)
    if (width === undefined) {
      if (this.tagWidths.size >= MEASURE_CACHE_LIMIT) this.tagWidths.clear()
      width = native.measureText(text).width
      this.tagWidths.set(text, width)
    }
    return width
  }

  private styleBox(nodes: BoxNodes): void {
    const label = this.highlightedLabel
    const emphasised = label !== null && nodes.data.label === label
    const dimmed = label !== null && !emphasised
    nodes.rect.strokeWidth(emphasised ? HIGHLIGHT_STROKE_WIDTH : STROKE_WIDTH)
    nodes.rect.opacity(dimmed ? DIMMED_OPACITY : 1)
  }

  /** Large boxes at the bottom so every smaller box inside one stays reachable by a tap. */
  private stackBySize(): void {
    const ordered = [...this.nodes.values()].sort(
      (a, b) => b.rect.width() * b.rect.height() - a.rect.width() * a.rect.height(),
    )
    ordered.forEach((nodes, index) => nodes.rect.zIndex(index))
  }

  private rectBox(rect: Rect): PixelBox {
    return { x: rect.x(), y: rect.y(), width: rect.width(), height: rect.height() }
  }

  private selectedNodes(): BoxNodes | null {
    if (this.selectedId === null) return null
    const nodes = this.nodes.get(this.selectedId)
    return nodes && nodes.data.visible ? nodes : null
  }

  private applySelection(): void {
    const nodes = this.mode === 'select' ? this.selectedNodes() : null
    if (!nodes) {
      if (this.transformer.nodes().length > 0) this.transformer.nodes([])
      return
    }
    // The selected box comes to the top so it can be dragged even where others overlap it.
    nodes.rect.moveToTop()
    if (this.transformer.nodes()[0] !== nodes.rect) this.transformer.nodes([nodes.rect])
    this.fitAnchors()
  }

  /** Handles that fit the selected box as it now appears on screen (see handleLayout). */
  private fitAnchors(): void {
    const layout = this.handleLayoutNow()
    if (!layout) return
    const anchors = layout.handles.map((handle) => handle.name)
    if (anchors.join() !== this.transformer.enabledAnchors().join()) {
      this.transformer.enabledAnchors(anchors)
    }
  }

  /**
   * The selected box's handle layout for where it is on screen now. Kept while a handle is
   * dragged, so the handle under the finger never jumps or disappears mid-resize.
   */
  private handleLayoutNow(): HandleLayout | null {
    const rect = this.transformer.nodes()[0]
    if (!rect) return null
    if (this.handles && this.transformer.isTransforming()) return this.handles.layout
    const scale = this.stage.scaleX()
    const box = {
      x: this.stage.x() + rect.x() * scale,
      y: this.stage.y() + rect.y() * scale,
      width: rect.width() * rect.scaleX() * scale,
      height: rect.height() * rect.scaleY() * scale,
    }
    const area = { x: 0, y: 0, width: this.stage.width(), height: this.stage.height() }
    const handleSize = this.anchorSize()
    const key = [box.x, box.y, box.width, box.height, area.width, area.height, handleSize].join()
    if (this.handles?.key !== key) {
      this.handles = { key, layout: handleLayout({ box, handleSize, area }) }
    }
    return this.handles.layout
  }

  /** Konva calls this for every handle on every transformer update: put it where the layout says. */
  private styleAnchor(anchor: Rect): void {
    const name = anchor.name().split(' ')[0]
    const layout = this.handleLayoutNow()
    const placed = layout?.handles.find((handle) => handle.name === name)
    if (!layout || !placed) {
      anchor.visible(false)
      return
    }
    const size = anchor.width()
    anchor.setAttrs({
      // Konva shows the enabled anchors; the layout may have changed since they were set.
      visible: true,
      offsetX: size / 2 - placed.offset.x,
      offsetY: size / 2 - placed.offset.y,
      // The hit stroke straddles the outline: the target square is size + hitStrokeWidth wide.
      hitStrokeWidth: Math.max(0, layout.targetSize - size),
    })
  }

  /** Where the selected box's handles answer the pointer: no tag may sit under them. */
  private handleTargets(): StageRect[] {
    if (this.transformer.nodes().length === 0) return []
    return this.handleLayoutNow()?.handles.map((handle) => handle.target) ?? []
  }

  private bindBoxEvents(nodes: BoxNodes): void {
    const rect = nodes.rect
    rect.on('click tap', () => {
      if (this.mode !== 'select') return
      if (this.selectedId === nodes.data.id) return
      this.select(nodes.data.id)
      this.events.select(nodes.data.id)
    })
    rect.on('mouseenter', () => {
      if (this.mode === 'select') this.container.style.cursor = 'move'
      this.hover(nodes.data.id)
      this.events.hoverBox(nodes.data.id)
    })
    rect.on('mouseleave', () => {
      if (this.mode === 'select') this.container.style.cursor = ''
      if (this.hoveredId === nodes.data.id) this.hover(null)
      this.events.hoverBox(null)
    })
    rect.on('dragstart', () => {
      this.gestureRect = rect
      this.gestureStart = rect.position()
      this.gestureCancelled = false
    })
    rect.on('dragend', () => {
      this.gestureRect = null
      if (this.gestureCancelled) return
      if (this.selectedId !== nodes.data.id) {
        this.select(nodes.data.id)
        this.events.select(nodes.data.id)
      } else {
        this.fitAnchors()
      }
      this.events.change(nodes.data.id, photoToNormalized(this.rectBox(rect), this.photo), 'drag')
    })
    rect.on('transformstart', () => {
      this.gestureRect = rect
    })
    rect.on('transformend', () => {
      this.gestureRect = null
      const size = foldScale({
        width: rect.width(),
        height: rect.height(),
        scaleX: rect.scaleX(),
        scaleY: rect.scaleY(),
      })
      rect.setAttrs({ ...size, scaleX: 1, scaleY: 1 })
      this.fitAnchors()
      this.transformer.forceUpdate()
      this.events.change(nodes.data.id, photoToNormalized(this.rectBox(rect), this.photo), 'resize')
    })
  }

  /** A hovered box's tag is shown even where it would collide: redraw when the hover moves. */
  private hover(id: string | null): void {
    if (this.hoveredId === id) return
    this.hoveredId = id
    this.boxLayer.batchDraw()
  }

  private boundBoxDrag(rect: Rect, position: Point): Point {
    const size = {
      width: rect.width() * rect.scaleX() * this.view.scale,
      height: rect.height() * rect.scaleY() * this.view.scale,
    }
    return clampPositionToPhoto(position, size, photoRectOnStage(this.view, this.photo))
  }

  // ---- view ----

  private viewport(): Size {
    return { width: this.stage.width(), height: this.stage.height() }
  }

  private limits() {
    return zoomLimits(fitView(this.photo, this.viewport()).scale)
  }

  private clampToViewport(view: CanvasView): CanvasView {
    return clampViewToViewport(view, this.photo, this.viewport())
  }

  private boundPan(position: Point): Point {
    const clamped = this.clampToViewport({ scale: this.view.scale, ...position })
    return { x: clamped.x, y: clamped.y }
  }

  private applyView(view: CanvasView, settled: boolean): void {
    const changed = !sameView(view, this.view)
    this.view = view
    this.stage.setAttrs({ scaleX: view.scale, scaleY: view.scale, x: view.x, y: view.y })
    if (this.transformer.nodes().length > 0) {
      this.fitAnchors()
      this.transformer.forceUpdate()
    }
    if (settled) this.stage.batchDraw()
    else this.scheduleSceneDraw()
    if (changed || settled) this.events.viewUpdate({ ...view }, settled)
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
      this.boxLayer.drawScene()
    })
  }

  // ---- input ----

  private listen(): void {
    this.stage.on('dragmove', (event: KonvaEventObject<DragEvent>) => {
      if (event.target !== this.stage || this.pinchStart) return
      this.fitted = false
      this.view = { scale: this.view.scale, x: this.stage.x(), y: this.stage.y() }
      this.events.viewUpdate({ ...this.view }, false)
    })
    this.stage.on('dragstart', (event: KonvaEventObject<DragEvent>) => {
      if (event.target === this.stage) this.container.style.cursor = 'grabbing'
    })
    this.stage.on('dragend', (event: KonvaEventObject<DragEvent>) => {
      if (event.target === this.stage) this.container.style.cursor = ''
      if (event.target !== this.stage || this.pinchStart) return
      this.view = { scale: this.view.scale, x: this.stage.x(), y: this.stage.y() }
      this.events.viewUpdate({ ...this.view }, true)
    })
    this.stage.on('click tap', (event: KonvaEventObject<Event>) => {
      if (event.target !== this.stage || this.mode !== 'select') return
      this.deselect()
    })
    // Whichever input was used last decides the handle size: laptops with touch screens exist.
    this.stage.on('mousedown', () => this.useTouchSizing(false))
    this.stage.on('touchstart', () => this.useTouchSizing(true))
    this.container.addEventListener('wheel', this.onWheel, { passive: false })
    this.container.addEventListener('touchstart', this.onTouchStart, { passive: false })
    this.container.addEventListener('touchmove', this.onTouchMove, { passive: false })
    this.container.addEventListener('touchend', this.onTouchEnd)
    this.container.addEventListener('touchcancel', this.onTouchEnd)
    this.container.addEventListener('pointerdown', this.onPointerDown)
    this.container.addEventListener('pointermove', this.onPointerMove)
    this.container.addEventListener('pointerup', this.onPointerUp)
    this.container.addEventListener('pointercancel', this.onPointerCancel)
  }

  private anchorSize(): number {
    return this.touchInput ? HANDLE_SIZE_TOUCH : HANDLE_SIZE_MOUSE
  }

  private useTouchSizing(touch: boolean): void {
    if (touch === this.touchInput) return
    this.touchInput = touch
    Konva.dragDistance = touch ? DRAG_DISTANCE_TOUCH : DRAG_DISTANCE_MOUSE
    this.transformer.anchorSize(this.anchorSize())
    this.fitAnchors()
    this.boxLayer.batchDraw()
  }

  private localPoint(clientX: number, clientY: number): Point {
    const bounds = this.container.getBoundingClientRect()
    return { x: clientX - bounds.left, y: clientY - bounds.top }
  }

  private readonly onWheel = (event: WheelEvent): void => {
    event.preventDefault()
    const page = this.stage.height()
    const deltaX = wheelDeltaPixels(event.deltaX, event.deltaMode, page)
    const deltaY = wheelDeltaPixels(event.deltaY, event.deltaMode, page)
    if (deltaX === 0 && deltaY === 0) return
    this.fitted = false
    let next: CanvasView
    if (wheelIntent(event) === 'pan') {
      // Shift+wheel scrolls sideways on a mouse; some browsers leave the delta in deltaY.
      const sideways = event.shiftKey && deltaX === 0
      next = {
        scale: this.view.scale,
        x: this.view.x - (sideways ? deltaY : deltaX),
        y: this.view.y - (sideways ? 0 : deltaY),
      }
    } else {
      // Trackpad pinches arrive as wheel events with ctrlKey set.
      const factor = wheelZoomFactor(deltaY, event.ctrlKey)
      const anchor = this.localPoint(event.clientX, event.clientY)
      next = zoomAboutPoint(this.view, anchor, this.view.scale * factor, this.limits())
    }
    this.applyView(this.clampToViewport(next), false)
    if (this.wheelTimer !== null) clearTimeout(this.wheelTimer)
    this.wheelTimer = setTimeout(() => {
      this.wheelTimer = null
      this.stage.batchDraw()
      this.events.viewUpdate({ ...this.view }, true)
    }, WHEEL_SETTLE_MS)
  }

  private touchPair(event: TouchEvent): TouchPair | null {
    const first = event.touches[0]
    const second = event.touches[1]
    if (!first || !second) return null
    return {
      first: this.localPoint(first.clientX, first.clientY),
      second: this.localPoint(second.clientX, second.clientY),
    }
  }

  private readonly onTouchStart = (event: TouchEvent): void => {
    const touches = this.touchPair(event)
    if (!touches) return
    event.preventDefault()
    this.pinchStart = { view: { ...this.view }, touches }
    this.cancelGestureForPinch()
  }

  private readonly onTouchMove = (event: TouchEvent): void => {
    const touches = this.touchPair(event)
    if (!touches) return
    event.preventDefault()
    // Konva may have begun a one-finger drag from either finger; the pinch overrides it.
    this.cancelGestureForPinch()
    if (!this.pinchStart) {
      this.pinchStart = { view: { ...this.view }, touches }
      return
    }
    this.fitted = false
    const next = pinchView(this.pinchStart.view, this.pinchStart.touches, touches, this.limits())
    this.applyView(this.clampToViewport(next), false)
  }

  private readonly onTouchEnd = (event: TouchEvent): void => {
    if (!this.pinchStart || event.touches.length >= 2) return
    this.pinchStart = null
    // The finger left on the glass must not start a pan from where the pinch ended.
    if (this.stage.isDragging()) this.stage.stopDrag()
    this.stage.batchDraw()
    this.events.viewUpdate({ ...this.view }, true)
  }

  /** A second finger turns whatever one finger started into a pinch, and undoes its effect. */
  private cancelGestureForPinch(): void {
    if (this.stage.isDragging()) this.stage.stopDrag()
    const rect = this.gestureRect
    if (rect && rect.isDragging()) {
      this.gestureCancelled = true
      rect.stopDrag()
      rect.position(this.gestureStart)
    }
    this.gestureRect = null
    this.cancelDraw()
  }

  private readonly onPointerDown = (event: PointerEvent): void => {
    if (this.mode !== 'draw' || !event.isPrimary || event.button > 0) return
    const start = stageToPhoto(this.view, this.localPoint(event.clientX, event.clientY))
    if (start.x < 0 || start.y < 0 || start.x > this.photo.width || start.y > this.photo.height) {
      return
    }
    this.drawStart = start
    this.drawPointerId = event.pointerId
    // Keeps the drag ours when the pointer leaves the canvas mid-draw.
    if (typeof this.container.setPointerCapture === 'function') {
      this.container.setPointerCapture(event.pointerId)
    }
    this.draft.setAttrs({ x: start.x, y: start.y, width: 0, height: 0, visible: true })
    this.draft.moveToTop()
    this.boxLayer.batchDraw()
  }

  private readonly onPointerMove = (event: PointerEvent): void => {
    if (this.drawStart === null || event.pointerId !== this.drawPointerId) return
    const end = stageToPhoto(this.view, this.localPoint(event.clientX, event.clientY))
    this.draft.setAttrs(boxFromCorners(this.drawStart, end, this.photo))
    this.boxLayer.batchDraw()
  }

  private readonly onPointerUp = (event: PointerEvent): void => {
    if (this.drawStart === null || event.pointerId !== this.drawPointerId) return
    const end = stageToPhoto(this.view, this.localPoint(event.clientX, event.clientY))
    const box = boxFromCorners(this.drawStart, end, this.photo)
    this.drawStart = null
    this.drawPointerId = null
    if (isAccidentalBox(box, this.view.scale)) {
      this.draft.visible(false)
      this.boxLayer.batchDraw()
      return
    }
    // The draft goes at once: the app may cancel naming the box, and a leftover outline would
    // then look like a box that exists. The app shows the pending box itself if it wants to.
    this.draft.visible(false)
    this.boxLayer.batchDraw()
    this.events.draw(photoToNormalized(box, this.photo))
  }

  private readonly onPointerCancel = (event: PointerEvent): void => {
    if (event.pointerId === this.drawPointerId) this.cancelDraw()
  }

  private cancelDraw(): void {
    if (this.drawStart === null) return
    this.drawStart = null
    this.drawPointerId = null
    this.draft.visible(false)
    this.boxLayer.batchDraw()
  }
}
