// The editor's box changes and label switches, turned into invertible edits for the history.
import type { LabelBox } from './analysis'
import {
  deleteBox,
  renameBox,
  reshapeBox,
  setLabelVisibility,
  type AnalysisState,
  type Edit,
} from './edits'

/** A change to one box as the editor reports it: the box before and after (null: none). */
export interface BoxChange {
  kind: 'add' | 'move' | 'remove' | 'relabel' | 'restore'
  before: LabelBox | null
  after: LabelBox | null
}

/**
 * The edit that takes `state` to what the editor now shows, or null when there is nothing to
 * record: "restore" changes are the history's own undo and redo being shown.
 */
export function editForBoxChange(state: AnalysisState, change: BoxChange): Edit | null {
  const { before, after } = change
  switch (change.kind) {
    case 'move':
      return before && after ? reshapeBox(state, before.id, after.box, 'move') : null
    case 'relabel':
      return before && after ? renameBox(state, before.id, after.label) : null
    case 'remove':
      return before ? deleteBox(state, before.id) : null
    case 'add': {
      if (!after || state.analysis.boxes.some((box) => box.id === after.id)) return null
      return { kind: 'add-box', box: after, index: state.analysis.boxes.length }
    }
    case 'restore':
      return null
  }
}

/**
 * The label switches that take `state` to `hiddenNow` (the labels switched off in the editor),
 * as one undo step: "Hide all" is undone with one press.
 */
export function editForHiddenLabels(
  state: AnalysisState,
  hiddenNow: Iterable<string>,
): Edit | null {
  const hidden = new Set(hiddenNow)
  const names = [...new Set([...state.hiddenLabels, ...hidden])].sort()
  const edits = names
    .map((name) => setLabelVisibility(state, name, !hidden.has(name)))
    .filter((edit): edit is Edit => edit !== null)
  if (edits.length === 0) return null
  return edits.length === 1 ? edits[0]! : { kind: 'batch', edits }
}
