/** A box in the pixels of one image (the model input or the source photo). */
export interface PixelBox {
  x: number
  y: number
  width: number
  height: number
}

/** A box as fractions of the image: 0–1 on both axes, origin top-left. */
export interface NormalizedBox {
  left: number
  top: number
  width: number
  height: number
}

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
