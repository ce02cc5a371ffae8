// The one rule for what is shown. The canvas, the screen-reader box list, the label rows, the
// counts, the annotated image and every exporter ask this module, so a box is exported exactly
// when it is drawn. The rule is written out in this folder's README ("What is shown").
import type { DetectedLabel, LabelBox } from './analysis'
import type { AnalysisState } from './edits'

/** The category a label is grouped under (its first one); labels without one are "Other". */
export const OTHER_CATEGORY = 'Other'

/** Why a label's boxes are hidden; `null`: they are shown (each box still meets the threshold). */
export type LabelHiddenBy =
  { kind: 'self' } | { kind: 'ancestor'; name: string } | { kind: 'category'; name: string }

export interface Visibility {
  /** The review threshold (0–100) this view was built with. */
  readonly threshold: number
  /** Whether the box is drawn, listed, counted and exported. */
  isBoxShown(box: LabelBox): boolean
  /** Why the label's boxes are hidden, or null when the label itself is shown. */
  labelHiddenBy(name: string): LabelHiddenBy | null
  /** The first category of a label, as the category grouping shows it. */
  categoryOf(name: string): string
  /** The boxes shown, in the analysis's order. */
  readonly shownBoxes: LabelBox[]
}

/** A box passes the threshold on its own confidence; boxes the user drew always pass. */
export function passesThreshold(confidence: number | null, threshold: number): boolean {
  return confidence === null || confidence >= threshold
}

/**
 * Every ancestor of every label: Rekognition lists all of a label's ancestors in `Parents`, but
 * the closure is taken anyway so a result that lists only the nearest parent behaves the same.
 */
function ancestorsByLabel(labels: readonly DetectedLabel[]): Map<string, string[]> {
  const parents = new Map(labels.map((label) => [label.name, label.parents]))
  const closure = new Map<string, string[]>()
  for (const label of labels) {
    const found = new Set<string>()
    const pending = [...label.parents]
    while (pending.length > 0) {
      const name = pending.pop()!
      if (found.has(name) || name === label.name) continue
      found.add(name)
      pending.push(...(parents.get(name) ?? []))
    }
    closure.set(label.name, [...found])
  }
  return closure
}

/**
 * The visibility of one photo's boxes and labels at a review threshold. A box is shown when all
 * of these hold: its id is not hidden; it passes the threshold; its label is not hidden; no
 * ancestor of its label is hidden; the category its label is grouped under is not hidden.
 */
export function visibility(state: AnalysisState, threshold: number): Visibility {
  const hiddenLabels = new Set(state.hiddenLabels)
  const hiddenCategories = new Set(state.hiddenCategories)
  const hiddenBoxes = new Set(state.hiddenBoxIds)
  const ancestors = ancestorsByLabel(state.analysis.labels)
  const categories = new Map(
    state.analysis.labels.map((label) => [label.name, label.categories[0] ?? OTHER_CATEGORY]),
  )
  const categoryOf = (name: string) => categories.get(name) ?? OTHER_CATEGORY
  const hiddenByCache = new Map<string, LabelHiddenBy | null>()

  function labelHiddenBy(name: string): LabelHiddenBy | null {
    const cached = hiddenByCache.get(name)
    if (cached !== undefined) return cached
    let reason: LabelHiddenBy | null = null
    if (hiddenLabels.has(name)) reason = { kind: 'self' }
    else {
      const ancestor = (ancestors.get(name) ?? []).find((parent) => hiddenLabels.has(parent))
      if (ancestor !== undefined) reason = { kind: 'ancestor', name: ancestor }
      else if (hiddenCategories.has(categoryOf(name)))
        reason = { kind: 'category', name: categoryOf(name) }
    }
    hiddenByCache.set(name, reason)
    return reason
  }

  const isBoxShown = (box: LabelBox) =>
    !hiddenBoxes.has(box.id) &&
    passesThreshold(box.confidence, threshold) &&
    labelHiddenBy(box.label) === null

  return {
    threshold,
    isBoxShown,
    labelHiddenBy,
    categoryOf,
    shownBoxes: state.analysis.boxes.filter(isBoxShown),
  }
}

/** The boxes shown at `threshold`: what the canvas draws and every exporter writes. */
export function shownBoxes(state: AnalysisState, threshold: number): LabelBox[] {
  return visibility(state, threshold).shownBoxes
}
