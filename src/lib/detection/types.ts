import type { NormalizedBox, PixelBox } from '../geometry'

export type { NormalizedBox, PixelBox }

/** One object the model found, before calibration and naming. */
export interface RawDetection {
  /** Index into COCO_CLASSES. */
  classIndex: number
  /** The model's own score, 0–1. */
  score: number
  box: PixelBox
}

/** A detection placed on the source photo with a calibrated confidence (0–100). */
export interface Detection {
  classIndex: number
  confidence: number
  box: NormalizedBox
}
