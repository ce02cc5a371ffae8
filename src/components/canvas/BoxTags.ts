import { Shape } from 'konva/lib/Shape'
import type { Context } from 'konva/lib/Context'
import { layoutTags, type TagSubject } from '../../lib/canvas/tag-layout'
import type { Point, StageRect } from '../../lib/canvas/types'
import type { BoxItem, BoxSet } from './BoxSet'
import type { EditorState } from './editor-state'
import type { SelectionHandles } from './SelectionHandles'

const TAG_FONT = 'bold 13px system-ui, sans-serif'
const TAG_HEIGHT = 20
const TAG_PADDING = 4
/** Text widths measured in TAG_FONT, kept across draws; cleared past this many distinct texts. */
const MEASURE_CACHE_LIMIT = 5000
/** The drawn tags are written to the DOM once draws have stopped for this long, not per frame. */
const PUBLISH_DELAY_MS = 120

/** A tag as drawn, in stage (CSS) pixels: what `data-tags` on the container lists. */
export interface DrawnTag {
  text: string
  x: number
  y: number
  width: number
  height: number
}

/**
 * Every box's tag, as one custom shape drawn in one pass above every box so overlaps never hide a
 * label. As Konva Text nodes they cost 2–3× the boxes themselves (a font switch and a transform
 * each). Tags are laid out afresh on every draw, so they follow drags, resizes and zoom.
 */
export class BoxTags {
  readonly shape: Shape
  private readonly state: EditorState
  private readonly boxes: BoxSet
  private readonly handles: SelectionHandles
  /** The box a gesture is moving now, if any: it keeps its tag before it becomes the selected one. */
  private readonly holding: () => string | null
  private readonly tagWidths = new Map<string, number>()
  private drawnTags: DrawnTag[] = []
  private publishTimer: ReturnType<typeof setTimeout> | null = null

  constructor(
    state: EditorState,
    boxes: BoxSet,
    handles: SelectionHandles,
    holding: () => string | null,
  ) {
    this.state = state
    this.boxes = boxes
    this.handles = handles
    this.holding = holding
    this.shape = new Shape({
      listening: false,
      perfectDrawEnabled: false,
      sceneFunc: (context) => this.draw(context),
    })
  }

  /**
   * Every visible tag, at a constant screen size whatever the zoom, placed by layoutTags so no
   * two overlap: the context is scaled back to stage pixels once, the font set once. Boxes are
   * read as they are now, so tags follow drags and resizes without being updated.
   */
  private draw(context: Context): void {
    const native = context._context
    const stage = this.state.stage
    const scale = stage.scaleX()
    const origin = { x: stage.x(), y: stage.y() }
    native.save()
    native.scale(1 / scale, 1 / scale)
    native.translate(-origin.x, -origin.y)
    native.font = TAG_FONT
    native.textBaseline = 'middle'
    const drawn: BoxItem[] = []
    const subjects: TagSubject[] = []
    const holding = this.holding()
    for (const item of this.boxes.all()) {
      if (!item.visible) continue
      drawn.push(item)
      subjects.push(this.subject(item, holding))
    }
    const placements = layoutTags(subjects, {
      measure: (text) => this.measure(native, text),
      height: TAG_HEIGHT,
      padding: TAG_PADDING,
      bounds: this.bounds(scale, origin),
      obstacles: this.handles.targets(),
    })
    this.drawnTags = []
    // Forced tags (a selected or highlighted box with no free spot) last, so they stay readable.
    for (const forcedPass of [false, true]) {
      placements.forEach((placement, index) => {
        const item = drawn[index]
        if (!placement.shown || placement.forced !== forcedPass || !item) return
        const { rect, text } = placement
        native.globalAlpha = item.opacity
        native.fillStyle = item.tag.background
        native.fillRect(rect.x, rect.y, rect.width, rect.height)
        native.fillStyle = item.tag.foreground
        native.fillText(text, rect.x + TAG_PADDING, rect.y + TAG_HEIGHT / 2)
        this.drawnTags.push({ text, ...rect })
      })
    }
    native.restore()
    this.schedulePublish()
  }

  destroy(): void {
    if (this.publishTimer !== null) clearTimeout(this.publishTimer)
    this.publishTimer = null
  }

  /**
   * Puts the tags as last drawn on the container as `data-tags` (JSON), for end-to-end tests and
   * tools to check their placement without reading pixels. Written once the draws settle, so a
   * drag or a zoom pays for one serialisation, not one per frame.
   */
  private schedulePublish(): void {
    if (this.publishTimer !== null) clearTimeout(this.publishTimer)
    this.publishTimer = setTimeout(() => {
      this.publishTimer = null
      this.state.container.dataset.tags = JSON.stringify(this.drawnTags)
    }, PUBLISH_DELAY_MS)
  }

  private subject(item: BoxItem, holding: string | null): TagSubject {
    const { state } = this
    const id = item.id
    return {
      box: this.boxes.onStage(item),
      texts: item.tag.texts,
      confidence: item.data.confidence,
      // The box being dragged keeps its tag too, before it becomes the selected one.
      selected: id === state.selectedId || id === holding,
      hovered: id === state.hoveredId,
      highlighted: state.highlightedLabel !== null && item.data.label === state.highlightedLabel,
    }
  }

  /** Tags stay on the part of the photo that is on screen, as they stay on the exported one. */
  private bounds(scale: number, origin: Point): StageRect {
    const { stage, photo } = this.state
    const left = Math.max(0, origin.x)
    const top = Math.max(0, origin.y)
    const right = Math.min(stage.width(), origin.x + photo.width * scale)
    const bottom = Math.min(stage.height(), origin.y + photo.height * scale)
    return { x: left, y: top, width: Math.max(0, right - left), height: Math.max(0, bottom - top) }
  }

  private measure(native: CanvasRenderingContext2D, text: string): number {
    let width = this.tagWidths.get(text)
    if (width === undefined) {
      if (this.tagWidths.size >= MEASURE_CACHE_LIMIT) this.tagWidths.clear()
      width = native.measureText(text).width
      this.tagWidths.set(text, width)
    }
    return width
  }
}
