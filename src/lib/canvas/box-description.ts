import type { NormalizedBox } from '../geometry'

const percent = (value: number) => `${(value * 100).toFixed(1)} %`

/** Where a box is on the photo, in words a screen reader reads well. */
export function describeBoxPosition(box: NormalizedBox): string {
  return `left ${percent(box.left)}, top ${percent(box.top)}, ${percent(box.width)} wide, ${percent(box.height)} high`
}

/**
 * What the canvas announces when a box is selected: its label, how sure the detector was (or
 * that the user drew it), where it is, and its place in the order ] and [ step through.
 */
export function describeSelectedBox(
  box: { label: string; confidence: number | null; box: NormalizedBox },
  position: { index: number; count: number },
): string {
  const certainty = box.confidence === null ? 'drawn by you' : `${box.confidence.toFixed(1)} %`
  return `${box.label}, ${certainty}, box ${position.index + 1} of ${position.count}: ${describeBoxPosition(box.box)}`
}
