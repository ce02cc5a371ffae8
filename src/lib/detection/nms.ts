import type { PixelBox, RawDetection } from './types'

export function intersectionOverUnion(a: PixelBox, b: PixelBox): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)
  if (width <= 0 || height <= 0) return 0
  const intersection = width * height
  const union = a.width * a.height + b.width * b.height - intersection
  return union > 0 ? intersection / union : 0
}

/**
 * Greedy non-maximum suppression within each class: a box is dropped when a higher-scoring box of
 * the same class overlaps it by more than `iouThreshold`. Boxes of different classes never
 * suppress each other (a person and the tie they wear overlap a lot).
 */
export function classAwareNms(
  detections: readonly RawDetection[],
  iouThreshold: number,
  maxDetections = Number.POSITIVE_INFINITY,
): RawDetection[] {
  const sorted = [...detections].sort((a, b) => b.score - a.score)
  const kept: RawDetection[] = []
  for (const candidate of sorted) {
    if (kept.length >= maxDetections) break
    const overlapsKept = kept.some(
      (other) =>
        other.classIndex === candidate.classIndex &&
        intersectionOverUnion(other.box, candidate.box) > iouThreshold,
    )
    if (!overlapsKept) kept.push(candidate)
  }
  return kept
}
