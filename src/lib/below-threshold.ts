// What an empty label list hides: labels the detector returned that the review threshold leaves
// out, so the panel can say "2 labels below 70 %: show them" instead of blaming the photo.
import type { DetectedLabel, LabelBox } from './analysis'

export interface HiddenBelow {
  /** Labels under the threshold. */
  count: number
  /**
   * The threshold that shows them all, each object with its best box (the lowest such
   * confidence, rounded down); null if none.
   */
  thresholdToShow: number | null
}

export interface BelowThreshold {
  /** Labels with boxes (objects). */
  objects: HiddenBelow
  /** Labels for the whole image (scene and concepts). */
  scene: HiddenBelow
}

function summarise(confidences: number[]): HiddenBelow {
  return confidences.length === 0
    ? { count: 0, thresholdToShow: null }
    : { count: confidences.length, thresholdToShow: Math.floor(Math.min(...confidences)) }
}

export function labelsBelowThreshold(
  labels: readonly DetectedLabel[],
  boxes: readonly LabelBox[],
  threshold: number,
): BelowThreshold {
  // An object is shown with its best box: a label without any box on screen says little.
  const bestBox = new Map<string, number>()
  for (const box of boxes) {
    const confidence = box.confidence ?? 100
    bestBox.set(box.label, Math.max(confidence, bestBox.get(box.label) ?? 0))
  }
  const objects: number[] = []
  const scene: number[] = []
  for (const label of labels) {
    const best = bestBox.get(label.name)
    if (best === undefined) {
      if (label.confidence < threshold) scene.push(label.confidence)
    } else if (Math.min(label.confidence, best) < threshold) {
      objects.push(Math.min(label.confidence, best))
    }
  }
  return { objects: summarise(objects), scene: summarise(scene) }
}
