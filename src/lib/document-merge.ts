// Merging the edits two tabs made to one photo's document from the version both loaded.
import type { LabelBox } from './analysis'
import type { AnalysisDocument } from './analysis-document'

type Fields = Record<string, unknown>

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  const aFields = a as Fields
  const bFields = b as Fields
  const keys = Object.keys(aFields).filter((key) => aFields[key] !== undefined)
  const otherKeys = Object.keys(bFields).filter((key) => bFields[key] !== undefined)
  if (keys.length !== otherKeys.length) return false
  return keys.every((key) => sameJson(aFields[key], bFields[key]))
}

/** Three-way pick of one value: whoever changed it wins; if both did, `preferMine` decides. */
function pick<T>(base: T, mine: T, theirs: T, preferMine: boolean): T {
  if (sameJson(mine, base)) return theirs
  if (sameJson(theirs, base)) return mine
  return preferMine ? mine : theirs
}

function mergeBox(
  base: LabelBox | undefined,
  mine: LabelBox | undefined,
  theirs: LabelBox | undefined,
  preferMine: boolean,
): LabelBox | undefined {
  if (!mine || !theirs || !base) return pick(base, mine, theirs, preferMine)
  // Both tabs still have the box: merge the editable fields one by one, so that one tab moving
  // it and the other renaming it keeps both changes.
  const label = pick(base.label, mine.label, theirs.label, preferMine)
  const box = pick(base.box, mine.box, theirs.box, preferMine)
  return { ...(preferMine ? mine : theirs), label, box, edited: mine.edited || theirs.edited }
}

function mergeMembership(base: string[], mine: string[], theirs: string[]): string[] {
  const all = [...new Set([...mine, ...theirs, ...base])]
  return all.filter((item) => {
    const inMine = mine.includes(item)
    // A flag only one side flipped takes that side's value; if both flipped, they agree.
    return inMine !== base.includes(item) ? inMine : theirs.includes(item)
  })
}

function mergeBoxes(
  base: LabelBox[],
  mine: LabelBox[],
  theirs: LabelBox[],
  preferMine: boolean,
): LabelBox[] {
  const byId = (boxes: LabelBox[]) => new Map(boxes.map((box) => [box.id, box]))
  const baseById = byId(base)
  const mineById = byId(mine)
  const theirsById = byId(theirs)
  // Keep my order (what this tab shows), then boxes only the other tab has, in its order.
  const ids = [...new Set([...mine.map((b) => b.id), ...theirs.map((b) => b.id)])]
  return ids
    .map((id) => mergeBox(baseById.get(id), mineById.get(id), theirsById.get(id), preferMine))
    .filter((box): box is LabelBox => box !== undefined)
}

/**
 * Merges the edits two tabs made from a common `base` (the version both loaded).
 *
 * Rules:
 * - Edits to different boxes, or to different fields (geometry vs label) of one box, all survive.
 * - A box deleted on one side and untouched on the other is deleted; one added on either side
 *   is kept.
 * - When both sides changed the same field of the same box (or one deleted a box the other
 *   changed), the document with the later `savedAt` wins; on a tie, `theirs` (already stored).
 * - Visibility flags merge one by one the same way.
 * - If either side re-ran detection (settings or response differ from base), boxes cannot be
 *   matched, so the whole later document wins.
 * - The history is `mine`: it is this tab's undo stack. Undo of an entry whose box the other tab
 *   deleted does nothing (see applyEdit).
 */
export function mergeDocuments(
  base: AnalysisDocument,
  mine: AnalysisDocument,
  theirs: AnalysisDocument,
): AnalysisDocument {
  const mineIsLater = Date.parse(mine.savedAt) > Date.parse(theirs.savedAt)
  const savedAt = mineIsLater ? mine.savedAt : theirs.savedAt
  const redetected = (doc: AnalysisDocument) =>
    !sameJson(doc.settings, base.settings) || !sameJson(doc.response, base.response)
  if (redetected(mine) || redetected(theirs)) {
    const winner = mineIsLater ? mine : theirs
    return { ...winner, history: mine.history, savedAt }
  }
  const analysis = theirs.state.analysis
  const boxes = mergeBoxes(
    base.state.analysis.boxes,
    mine.state.analysis.boxes,
    analysis.boxes,
    mineIsLater,
  )
  const boxIds = new Set(boxes.map((box) => box.id))
  return {
    ...theirs,
    state: {
      analysis: { ...analysis, boxes },
      hiddenLabels: mergeMembership(
        base.state.hiddenLabels,
        mine.state.hiddenLabels,
        theirs.state.hiddenLabels,
      ),
      hiddenCategories: mergeMembership(
        base.state.hiddenCategories,
        mine.state.hiddenCategories,
        theirs.state.hiddenCategories,
      ),
      hiddenBoxIds: mergeMembership(
        base.state.hiddenBoxIds,
        mine.state.hiddenBoxIds,
        theirs.state.hiddenBoxIds,
      ).filter((id) => boxIds.has(id)),
    },
    history: mine.history,
    savedAt,
  }
}
