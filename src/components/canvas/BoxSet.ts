import { Shape } from 'konva/lib/Shape'
import type { Context } from 'konva/lib/Context'
import type { PixelBox } from '../../lib/geometry'
import { normalizedToPhoto } from '../../lib/canvas/box-geometry'
import { boxAt } from '../../lib/canvas/box-hit'
import { tagTextColor, translucent } from '../../lib/canvas/colors'
import { tagTexts } from '../../lib/canvas/tag'
import type { CanvasBox, Point, StageRect } from '../../lib/canvas/types'
import { photoToStage } from '../../lib/canvas/view'
import type { EditorState } from './editor-state'

/** What a box's tag may say (longest first, see tagTexts) and its colours. */
export interface TagStyle {
  texts: string[]
  background: string
  foreground: string
}

/** One box as the editor draws it: the box as last given, where it is now, and its style. */
export interface BoxItem {
  id: string
  data: CanvasBox
  /** Photo pixels. A gesture moves this at once; the store's answer puts it back or keeps it. */
  rect: PixelBox
  visible: boolean
  fill: string
  stroke: string
  strokeWidth: number
  opacity: number
  tag: TagStyle
}

export const STROKE_WIDTH = 2
const HIGHLIGHT_STROKE_WIDTH = 4
const DIMMED_OPACITY = 0.3

/**
 * Every box, kept in step with the boxes given by id (touching only what changed) and drawn by
 * ONE custom shape in one pass: as a Konva Rect each, 1000 boxes cost five times as much to draw
 * (a node's transform, attributes and context state each) plus a hit graph. The shape does not
 * listen; a press finds its box with `at` (src/lib/canvas/box-hit.ts), and BoxGrab and
 * SelectionHandles hold the one box being moved or resized.
 */
export class BoxSet {
  readonly shape: Shape
  private readonly items = new Map<string, BoxItem>()
  /** Drawing order: largest first, so smaller boxes are drawn over the ones they sit in. */
  private order: BoxItem[] = []
  private readonly state: EditorState

  constructor(state: EditorState) {
    this.state = state
    this.shape = new Shape({
      listening: false,
      perfectDrawEnabled: false,
      sceneFunc: (context) => this.draw(context),
    })
  }

  get(id: string): BoxItem | undefined {
    return this.items.get(id)
  }

  all(): IterableIterator<BoxItem> {
    return this.items.values()
  }

  /** The selected box, unless it is hidden. */
  selected(): BoxItem | null {
    const id = this.state.selectedId
    const item = id === null ? undefined : this.items.get(id)
    return item && item.visible ? item : null
  }

  /** The shown box a press at this photo point takes: the selected one, else the smallest. */
  at(point: Point): BoxItem | null {
    const id = boxAt(point, this.items.values(), this.selected()?.id ?? null)
    return id === null ? null : (this.items.get(id) ?? null)
  }

  /**
   * Reflect the store's boxes: create, update and forget by id. `holding` is the box a gesture is
   * moving now: it keeps its place until the gesture ends and the store answers.
   */
  sync(boxes: readonly CanvasBox[], holding: string | null): void {
    const seen = new Set<string>()
    let reorder = false
    for (const box of boxes) {
      seen.add(box.id)
      const existing = this.items.get(box.id)
      if (existing) {
        reorder = this.update(existing, box, box.id !== holding) || reorder
      } else {
        this.items.set(box.id, this.create(box))
        reorder = true
      }
    }
    for (const id of this.items.keys()) {
      if (seen.has(id)) continue
      this.items.delete(id)
      reorder = true
    }
    if (reorder) this.sortBySize()
  }

  /** The photo changed size: put every box where its normalised box now lands. */
  placeAll(): void {
    for (const item of this.items.values()) this.place(item)
    this.sortBySize()
  }

  /** The highlighted label changed: emphasise its boxes and dim the others. */
  styleAll(): void {
    for (const item of this.items.values()) this.style(item)
  }

  clear(): void {
    this.items.clear()
    this.order = []
  }

  /** Where a box is drawn on the stage now, in stage (CSS) pixels. */
  onStage(item: BoxItem): StageRect {
    const stage = this.state.stage
    const scale = stage.scaleX()
    const corner = photoToStage({ scale, x: stage.x(), y: stage.y() }, item.rect)
    return {
      x: corner.x,
      y: corner.y,
      width: item.rect.width * scale,
      height: item.rect.height * scale,
    }
  }

  private create(box: CanvasBox): BoxItem {
    const item: BoxItem = {
      id: box.id,
      data: box,
      rect: normalizedToPhoto(box.box, this.state.photo),
      visible: box.visible,
      fill: translucent(box.color),
      stroke: box.color,
      strokeWidth: STROKE_WIDTH,
      opacity: 1,
      tag: {
        texts: tagTexts(box.label, box.confidence, box.edited),
        background: box.color,
        foreground: tagTextColor(box.color),
      },
    }
    this.style(item)
    return item
  }

  /** Take the store's version of a box; true when its size changed (the order may change). */
  private update(item: BoxItem, box: CanvasBox, place: boolean): boolean {
    const previous = item.data
    item.data = box
    item.visible = box.visible
    if (previous.color !== box.color) {
      item.stroke = box.color
      item.fill = translucent(box.color)
      item.tag.background = box.color
      item.tag.foreground = tagTextColor(box.color)
    }
    if (
      previous.label !== box.label ||
      previous.confidence !== box.confidence ||
      previous.edited !== box.edited
    ) {
      item.tag.texts = tagTexts(box.label, box.confidence, box.edited)
    }
    if (previous.label !== box.label) this.style(item)
    if (!place) return false
    const area = item.rect.width * item.rect.height
    this.place(item)
    return item.rect.width * item.rect.height !== area
  }

  private place(item: BoxItem): void {
    item.rect = normalizedToPhoto(item.data.box, this.state.photo)
  }

  private style(item: BoxItem): void {
    const label = this.state.highlightedLabel
    const emphasised = label !== null && item.data.label === label
    item.strokeWidth = emphasised ? HIGHLIGHT_STROKE_WIDTH : STROKE_WIDTH
    item.opacity = label !== null && !emphasised ? DIMMED_OPACITY : 1
  }

  private sortBySize(): void {
    this.order = [...this.items.values()].sort(
      (a, b) => b.rect.width * b.rect.height - a.rect.width * a.rect.height,
    )
  }

  /**
   * Every shown box in stage pixels (outlines stay 2 px at any zoom), the selected one last so it
   * is drawn above the boxes it overlaps. Boxes wholly off screen are skipped.
   */
  private draw(context: Context): void {
    const native = context._context
    const { stage } = this.state
    const scale = stage.scaleX()
    const originX = stage.x()
    const originY = stage.y()
    const width = stage.width()
    const height = stage.height()
    native.save()
    native.scale(1 / scale, 1 / scale)
    native.translate(-originX, -originY)
    let alpha = 1
    let lineWidth = STROKE_WIDTH
    native.globalAlpha = alpha
    native.lineWidth = lineWidth
    const selected = this.selected()
    const drawItem = (item: BoxItem) => {
      const x = originX + item.rect.x * scale
      const y = originY + item.rect.y * scale
      const w = item.rect.width * scale
      const h = item.rect.height * scale
      if (x > width || y > height || x + w < 0 || y + h < 0) return
      if (item.opacity !== alpha) native.globalAlpha = alpha = item.opacity
      if (item.strokeWidth !== lineWidth) native.lineWidth = lineWidth = item.strokeWidth
      native.fillStyle = item.fill
      native.fillRect(x, y, w, h)
      native.strokeStyle = item.stroke
      native.strokeRect(x, y, w, h)
    }
    for (const item of this.order) {
      if (item.visible && item !== selected) drawItem(item)
    }
    if (selected) drawItem(selected)
    native.restore()
  }
}
