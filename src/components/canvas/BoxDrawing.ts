import { Rect } from 'konva/lib/shapes/Rect'
import type { PixelBox } from '../../lib/geometry'
import {
  boxFromCorners,
  isAccidentalBox,
  nudgeBox,
  photoToNormalized,
  resizeBoxBy,
} from '../../lib/canvas/box-geometry'
import type { Point } from '../../lib/canvas/types'
import { stageToPhoto } from '../../lib/canvas/view'
import { STROKE_WIDTH } from './BoxSet'
import { localPoint, type EditorState } from './editor-state'

/**
 * Drawing a new box. In draw mode a press on the photo starts a dashed draft, moves resize it and
 * the release reports it through `events.draw`, unless it is too small to be meant. It reads the
 * container's pointer events, not Konva's: the pointer is captured, so a draw may leave the canvas.
 * From the keyboard, a draft starts where BoxEditor puts it, arrow keys move and size it, and
 * `confirmKeyboardDraft` reports it the same way.
 */
export class BoxDrawing {
  readonly draft: Rect
  private readonly state: EditorState
  private drawStart: Point | null = null
  private drawPointerId: number | null = null
  /** The box being drawn from the keyboard, in photo pixels. */
  private keyboardDraft: PixelBox | null = null

  constructor(state: EditorState) {
    this.state = state
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
  }

  /** Whether a box is being drawn now. */
  get active(): boolean {
    return this.drawStart !== null || this.keyboardDraft !== null
  }

  /** Whether a box is being drawn from the keyboard now (arrow keys shape it). */
  get keyboardActive(): boolean {
    return this.keyboardDraft !== null
  }

  /** Show a draft box where a keyboard user starts drawing; a pointer draw in progress ends. */
  startKeyboardDraft(box: PixelBox): void {
    this.drawStart = null
    this.drawPointerId = null
    this.showKeyboardDraft(box)
  }

  /** Move the keyboard draft by photo pixels, within the photo. */
  moveKeyboardDraft(dx: number, dy: number): void {
    if (this.keyboardDraft)
      this.showKeyboardDraft(nudgeBox(this.keyboardDraft, dx, dy, this.state.photo))
  }

  /** Size the keyboard draft from its top-left corner, never below `minSize` photo pixels. */
  resizeKeyboardDraft(dWidth: number, dHeight: number, minSize: number): void {
    const draft = this.keyboardDraft
    if (draft)
      this.showKeyboardDraft(resizeBoxBy(draft, dWidth, dHeight, this.state.photo, minSize))
  }

  /** Report the keyboard draft as a new box, as a pointer release does; false when there is none. */
  confirmKeyboardDraft(): boolean {
    const draft = this.keyboardDraft
    if (!draft) return false
    this.cancel()
    this.state.events.draw(photoToNormalized(draft, this.state.photo))
    return true
  }

  listen(): void {
    const container = this.state.container
    container.addEventListener('pointerdown', this.onPointerDown)
    container.addEventListener('pointermove', this.onPointerMove)
    container.addEventListener('pointerup', this.onPointerUp)
    container.addEventListener('pointercancel', this.onPointerCancel)
  }

  destroy(): void {
    const container = this.state.container
    container.removeEventListener('pointerdown', this.onPointerDown)
    container.removeEventListener('pointermove', this.onPointerMove)
    container.removeEventListener('pointerup', this.onPointerUp)
    container.removeEventListener('pointercancel', this.onPointerCancel)
  }

  /** Abandon the box being drawn, if any. */
  cancel(): void {
    if (!this.active) return
    this.drawStart = null
    this.drawPointerId = null
    this.keyboardDraft = null
    this.draft.visible(false)
    this.state.boxLayer.batchDraw()
  }

  private showKeyboardDraft(box: PixelBox): void {
    this.keyboardDraft = box
    this.draft.setAttrs({ ...box, visible: true })
    this.draft.moveToTop()
    this.state.boxLayer.batchDraw()
  }

  private photoPoint(event: PointerEvent): Point {
    const { container, view } = this.state
    return stageToPhoto(view, localPoint(container, event.clientX, event.clientY))
  }

  private readonly onPointerDown = (event: PointerEvent): void => {
    const { state } = this
    // A pointer on the photo ends a keyboard draft: the user has moved on to something else.
    if (this.keyboardDraft) this.cancel()
    if (state.mode !== 'draw' || !event.isPrimary || event.button > 0) return
    const start = this.photoPoint(event)
    if (start.x < 0 || start.y < 0 || start.x > state.photo.width || start.y > state.photo.height) {
      return
    }
    this.drawStart = start
    this.drawPointerId = event.pointerId
    // Keeps the drag ours when the pointer leaves the canvas mid-draw.
    if (typeof state.container.setPointerCapture === 'function') {
      state.container.setPointerCapture(event.pointerId)
    }
    this.draft.setAttrs({ x: start.x, y: start.y, width: 0, height: 0, visible: true })
    this.draft.moveToTop()
    state.boxLayer.batchDraw()
  }

  private readonly onPointerMove = (event: PointerEvent): void => {
    if (this.drawStart === null || event.pointerId !== this.drawPointerId) return
    this.draft.setAttrs(boxFromCorners(this.drawStart, this.photoPoint(event), this.state.photo))
    this.state.boxLayer.batchDraw()
  }

  private readonly onPointerUp = (event: PointerEvent): void => {
    if (this.drawStart === null || event.pointerId !== this.drawPointerId) return
    const { state } = this
    const box = boxFromCorners(this.drawStart, this.photoPoint(event), state.photo)
    this.drawStart = null
    this.drawPointerId = null
    if (isAccidentalBox(box, state.view.scale)) {
      this.draft.visible(false)
      state.boxLayer.batchDraw()
      return
    }
    // The draft goes at once: the app may cancel naming the box, and a leftover outline would
    // then look like a box that exists. The app shows the pending box itself if it wants to.
    this.draft.visible(false)
    state.boxLayer.batchDraw()
    state.events.draw(photoToNormalized(box, state.photo))
  }

  private readonly onPointerCancel = (event: PointerEvent): void => {
    if (event.pointerId === this.drawPointerId) this.cancel()
  }
}
