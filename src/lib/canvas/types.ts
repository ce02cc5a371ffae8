import type { NormalizedBox } from '../geometry'

/** Select and edit boxes, or drag out a new one. */
export type EditorMode = 'select' | 'draw'

/** How the editor changed a box, as it reports the gesture to the store. */
export type BoxGesture = 'drag' | 'resize' | 'nudge'

/** One box as the canvas draws it; the app builds these from its store. */
export interface CanvasBox {
  id: string
  label: string
  /** 0–100 as Rekognition reports it; null for a box the user drew. */
  confidence: number | null
  box: NormalizedBox
  color: string
  visible: boolean
  edited: boolean
}

/**
 * How the photo sits on the stage: a photo pixel (px, py) is drawn at
 * (x + px * scale, y + py * scale) in stage (CSS) pixels.
 */
export interface CanvasView {
  scale: number
  x: number
  y: number
}

export interface Size {
  width: number
  height: number
}

/** A point in the coordinate space named by the variable (stage or photo pixels). */
export interface Point {
  x: number
  y: number
}

/** An axis-aligned rectangle in stage (CSS) pixels. */
export interface StageRect {
  x: number
  y: number
  width: number
  height: number
}

export interface ZoomLimits {
  min: number
  max: number
}

/** Two fingers on the glass, in stage pixels. */
export interface TouchPair {
  first: Point
  second: Point
}
