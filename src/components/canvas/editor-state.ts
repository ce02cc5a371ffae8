import type { Layer } from 'konva/lib/Layer'
import type { Stage } from 'konva/lib/Stage'
import type { NormalizedBox } from '../../lib/geometry'
import type { BoxGesture, CanvasView, EditorMode, Point, Size } from '../../lib/canvas/types'

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

/**
 * What every part of the editor reads, in one plain object that BoxEditor creates and shares.
 * Each field has one writer: `view` is written by ViewGestures, `hoveredId` by BoxGrab, the rest
 * by BoxEditor's public methods.
 */
export interface EditorState {
  readonly stage: Stage
  /** Boxes, tags, the draft and the handles: the layer redrawn on every edit. */
  readonly boxLayer: Layer
  readonly container: HTMLElement
  readonly events: BoxEditorEvents
  photo: Size
  view: CanvasView
  mode: EditorMode
  selectedId: string | null
  highlightedLabel: string | null
  /** The box under the mouse: its tag is always shown, like the selected box's. */
  hoveredId: string | null
  /** Whether the last input was a finger: it sizes the handles and the drag threshold. */
  touchInput: boolean
}

/** A client (page) point in the container's own pixels, which are the stage's. */
export function localPoint(container: HTMLElement, clientX: number, clientY: number): Point {
  const bounds = container.getBoundingClientRect()
  return { x: clientX - bounds.left, y: clientY - bounds.top }
}
