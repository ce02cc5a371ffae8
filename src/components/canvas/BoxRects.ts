import { Konva } from './konva-core'
import { Rect } from 'konva/lib/shapes/Rect'
import type { Group } from 'konva/lib/Group'
import type { PixelBox } from '../../lib/geometry'
import {
  clampPositionToPhoto,
  foldScale,
  normalizedToPhoto,
  photoToNormalized,
} from '../../lib/canvas/box-geometry'
import { tagTextColor, translucent } from '../../lib/canvas/colors'
import { tagTexts } from '../../lib/canvas/tag'
import type { CanvasBox, Point } from '../../lib/canvas/types'
import { photoRectOnStage } from '../../lib/canvas/view'
import type { EditorState } from './editor-state'
import type { SelectionHandles } from './SelectionHandles'

/** What a box's tag may say (longest first, see tagTexts) and its colours. */
export interface TagStyle {
  texts: string[]
  background: string
  foreground: string
}

/** One box's nodes: its rect, the style BoxTags draws its tag in, and the box as last given. */
export interface BoxNodes {
  rect: Rect
  tag: TagStyle
  data: CanvasBox
}

export const STROKE_WIDTH = 2
const HIGHLIGHT_STROKE_WIDTH = 4
const DIMMED_OPACITY = 0.3

export function rectBox(rect: Rect): PixelBox {
  return { x: rect.x(), y: rect.y(), width: rect.width(), height: rect.height() }
}

/**
 * One Konva Rect per box, kept in step with the boxes given by id (touching only what changed),
 * and the drag and resize gestures on them, reported through `events.change` when they end.
 */
export class BoxRects {
  readonly group: Group
  private readonly nodes = new Map<string, BoxNodes>()
  private readonly state: EditorState
  private readonly handles: SelectionHandles
  /** Select a box as the user did, before `events.select` reports it. */
  private readonly select: (id: string) => void
  private gesture: Rect | null = null
  private gestureStart: Point = { x: 0, y: 0 }
  private gestureCancelled = false

  constructor(state: EditorState, handles: SelectionHandles, select: (id: string) => void) {
    this.state = state
    this.handles = handles
    this.select = select
    this.group = new Konva.Group()
  }

  /** The rect a drag or resize is moving now: the gesture wins over the store until it ends. */
  get gestureRect(): Rect | null {
    return this.gesture
  }

  all(): IterableIterator<BoxNodes> {
    return this.nodes.values()
  }

  /** The selected box's nodes, unless it is hidden. */
  selected(): BoxNodes | null {
    const id = this.state.selectedId
    if (id === null) return null
    const nodes = this.nodes.get(id)
    return nodes && nodes.data.visible ? nodes : null
  }

  /** Reflect the store's boxes: create, update and destroy by id, touching only what changed. */
  sync(boxes: readonly CanvasBox[]): void {
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
  }

  /** The photo changed size: put every rect where its normalised box now lands. */
  placeAll(): void {
    for (const nodes of this.nodes.values()) this.placeBox(nodes)
  }

  /** The highlighted label changed: emphasise its boxes and dim the others. */
  styleAll(): void {
    for (const nodes of this.nodes.values()) this.styleBox(nodes)
  }

  setDraggable(draggable: boolean): void {
    for (const nodes of this.nodes.values()) nodes.rect.draggable(draggable)
  }

  /** A pinch took over: put back a box that one finger had started to drag, and report nothing. */
  cancelGesture(): void {
    const rect = this.gesture
    if (rect && rect.isDragging()) {
      this.gestureCancelled = true
      rect.stopDrag()
      rect.position(this.gestureStart)
    }
    this.gesture = null
  }

  clear(): void {
    this.nodes.clear()
  }

  private createBox(box: CanvasBox): BoxNodes {
    const rect: Rect = new Rect({
      id: box.id,
      strokeWidth: STROKE_WIDTH,
      // Outlines stay 2 screen pixels at any zoom instead of growing with the photo.
      strokeScaleEnabled: false,
      perfectDrawEnabled: false,
      shadowForStrokeEnabled: false,
      draggable: this.state.mode === 'select',
      dragBoundFunc: (position: Point): Point => this.boundBoxDrag(rect, position),
    })
    const tag: TagStyle = { texts: [], background: '', foreground: '' }
    const nodes: BoxNodes = { rect, tag, data: box }
    this.group.add(rect)
    this.bindBoxEvents(nodes)
    this.updateBox(nodes, box, true)
    return nodes
  }

  private updateBox(nodes: BoxNodes, box: CanvasBox, force = false): void {
    const previous = nodes.data
    nodes.data = box
    // The gesture in progress on this box wins until it ends and the store answers.
    const inGesture = nodes.rect === this.gesture
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
    const target = normalizedToPhoto(nodes.data.box, this.state.photo)
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
      if (this.handles.isAttachedTo(rect)) this.handles.forceUpdate()
    }
  }

  private styleBox(nodes: BoxNodes): void {
    const label = this.state.highlightedLabel
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

  private bindBoxEvents(nodes: BoxNodes): void {
    const rect = nodes.rect
    const { state, handles } = this
    rect.on('click tap', () => {
      if (state.mode !== 'select') return
      if (state.selectedId === nodes.data.id) return
      this.select(nodes.data.id)
      state.events.select(nodes.data.id)
    })
    rect.on('mouseenter', () => {
      if (state.mode === 'select') state.container.style.cursor = 'move'
      this.hover(nodes.data.id)
      state.events.hoverBox(nodes.data.id)
    })
    rect.on('mouseleave', () => {
      if (state.mode === 'select') state.container.style.cursor = ''
      if (state.hoveredId === nodes.data.id) this.hover(null)
      state.events.hoverBox(null)
    })
    rect.on('dragstart', () => {
      this.gesture = rect
      this.gestureStart = rect.position()
      this.gestureCancelled = false
    })
    rect.on('dragend', () => {
      this.gesture = null
      if (this.gestureCancelled) return
      if (state.selectedId !== nodes.data.id) {
        this.select(nodes.data.id)
        state.events.select(nodes.data.id)
      } else {
        handles.fitAnchors()
      }
      state.events.change(nodes.data.id, photoToNormalized(rectBox(rect), state.photo), 'drag')
    })
    rect.on('transformstart', () => {
      this.gesture = rect
    })
    rect.on('transformend', () => {
      this.gesture = null
      const size = foldScale({
        width: rect.width(),
        height: rect.height(),
        scaleX: rect.scaleX(),
        scaleY: rect.scaleY(),
      })
      rect.setAttrs({ ...size, scaleX: 1, scaleY: 1 })
      handles.fitAnchors()
      handles.forceUpdate()
      state.events.change(nodes.data.id, photoToNormalized(rectBox(rect), state.photo), 'resize')
    })
  }

  /** A hovered box's tag is shown even where it would collide: redraw when the hover moves. */
  private hover(id: string | null): void {
    if (this.state.hoveredId === id) return
    this.state.hoveredId = id
    this.state.boxLayer.batchDraw()
  }

  private boundBoxDrag(rect: Rect, position: Point): Point {
    const view = this.state.view
    const size = {
      width: rect.width() * rect.scaleX() * view.scale,
      height: rect.height() * rect.scaleY() * view.scale,
    }
    return clampPositionToPhoto(position, size, photoRectOnStage(view, this.state.photo))
  }
}
