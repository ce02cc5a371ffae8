import type { Rect } from 'konva/lib/shapes/Rect'
import { Transformer } from 'konva/lib/shapes/Transformer'
import { clampResizeToPhoto } from '../../lib/canvas/box-geometry'
import {
  HANDLE_SIZE_MOUSE,
  HANDLE_SIZE_TOUCH,
  handleLayout,
  type HandleLayout,
} from '../../lib/canvas/handle-layout'
import type { StageRect } from '../../lib/canvas/types'
import { photoRectOnStage } from '../../lib/canvas/view'
import { rectOnStage, type EditorState } from './editor-state'

/**
 * The selected box's resize handles: Konva's Transformer, with each anchor placed by handleLayout
 * (outside the box where it fits, never covering a small box) for where the box is on screen.
 */
export class SelectionHandles {
  readonly transformer: Transformer
  private readonly state: EditorState
  /** The handle layout the transformer last used, and the key it was computed for. */
  private handles: { key: string; layout: HandleLayout } | null = null

  constructor(state: EditorState) {
    this.state = state
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
        ...clampResizeToPhoto(previous, requested, photoRectOnStage(state.view, state.photo)),
        rotation: 0,
      }),
    })
  }

  /** Put the handles on this rect (brought to the top so it can be dragged), or take them away. */
  attach(rect: Rect | null): void {
    if (!rect) {
      if (this.transformer.nodes().length > 0) this.transformer.nodes([])
      return
    }
    // The selected box comes to the top so it can be dragged even where others overlap it.
    rect.moveToTop()
    if (this.transformer.nodes()[0] !== rect) this.transformer.nodes([rect])
    this.fitAnchors()
  }

  isAttachedTo(rect: Rect): boolean {
    return this.transformer.nodes()[0] === rect
  }

  /** Redraw the handles around the box as it is now (after the box moved without them). */
  forceUpdate(): void {
    this.transformer.forceUpdate()
  }

  /** The view changed: the same box has a new size on screen, so its handles may move. */
  followView(): void {
    if (this.transformer.nodes().length === 0) return
    this.fitAnchors()
    this.transformer.forceUpdate()
  }

  /** The input kind changed (see EditorState.touchInput): resize the handles to match. */
  resizeForInput(): void {
    this.transformer.anchorSize(this.anchorSize())
    this.fitAnchors()
  }

  /** Handles that fit the selected box as it now appears on screen (see handleLayout). */
  fitAnchors(): void {
    const layout = this.handleLayoutNow()
    if (!layout) return
    const anchors = layout.handles.map((handle) => handle.name)
    if (anchors.join() !== this.transformer.enabledAnchors().join()) {
      this.transformer.enabledAnchors(anchors)
    }
  }

  /** Where the selected box's handles answer the pointer: no tag may sit under them. */
  targets(): StageRect[] {
    if (this.transformer.nodes().length === 0) return []
    return this.handleLayoutNow()?.handles.map((handle) => handle.target) ?? []
  }

  private anchorSize(): number {
    return this.state.touchInput ? HANDLE_SIZE_TOUCH : HANDLE_SIZE_MOUSE
  }

  /**
   * The selected box's handle layout for where it is on screen now. Kept while a handle is
   * dragged, so the handle under the finger never jumps or disappears mid-resize.
   */
  private handleLayoutNow(): HandleLayout | null {
    const rect = this.transformer.nodes()[0]
    if (!rect) return null
    if (this.handles && this.transformer.isTransforming()) return this.handles.layout
    const stage = this.state.stage
    const box = rectOnStage(stage, rect)
    const area = { x: 0, y: 0, width: stage.width(), height: stage.height() }
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
}
