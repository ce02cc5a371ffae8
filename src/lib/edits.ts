// Every change a user makes to an analysis, as data: an edit can be applied, inverted, stored in
// the undo history and saved in the analysis document. Edits carry the values from before and
// after the change, so inverting one never needs to look at the state it came from.
import type { LabelAnalysis, LabelBox } from './analysis'
import type { NormalizedBox } from './geometry'
import { OTHER_CATEGORY } from './visibility'

/**
 * A photo's analysis with the user's edits applied, and what the user switched off. What is
 * shown follows from it by one rule (visibility.ts); the review threshold is view state, not here.
 */
export interface AnalysisState {
  analysis: LabelAnalysis
  /** Label names switched off; hiding a label also hides every label under it. */
  hiddenLabels: string[]
  /** Category groups switched off (a label belongs to its first category, or "Other"). */
  hiddenCategories: string[]
  /** Single boxes switched off. */
  hiddenBoxIds: string[]
}

/** How the editor changed a box's geometry; only nudges of one box coalesce in the history. */
export type ReshapeGesture = 'drag' | 'resize' | 'nudge'

export interface BoxGeometry {
  box: NormalizedBox
  edited: boolean
}

export interface BoxName {
  label: string
  edited: boolean
}

export type Edit =
  | {
      kind: 'reshape-box'
      boxId: string
      gesture: ReshapeGesture
      before: BoxGeometry
      after: BoxGeometry
    }
  | { kind: 'rename-box'; boxId: string; before: BoxName; after: BoxName }
  | { kind: 'add-box'; box: LabelBox; index: number }
  | { kind: 'delete-box'; box: LabelBox; index: number }
  | { kind: 'set-label-visibility'; label: string; visible: boolean }
  | { kind: 'set-category-visibility'; category: string; visible: boolean }
  | { kind: 'set-box-visibility'; boxId: string; visible: boolean }
  /** Several edits that undo as one, e.g. "Show all". */
  | { kind: 'batch'; edits: Edit[] }

export function createState(analysis: LabelAnalysis): AnalysisState {
  return { analysis, hiddenLabels: [], hiddenCategories: [], hiddenBoxIds: [] }
}

function replaceBox(
  state: AnalysisState,
  boxId: string,
  change: (box: LabelBox) => LabelBox,
): AnalysisState {
  let found = false
  const boxes = state.analysis.boxes.map((box) => {
    if (box.id !== boxId) return box
    found = true
    return change(box)
  })
  // After a merge with another tab an old edit may name a box that is gone: nothing to change.
  if (!found) return state
  return { ...state, analysis: { ...state.analysis, boxes } }
}

function withMember(list: string[], item: string, member: boolean): string[] {
  const has = list.includes(item)
  if (member === has) return list
  return member ? [...list, item] : list.filter((entry) => entry !== item)
}

/**
 * Returns the state after `edit`, leaving `state` untouched. Edits naming a box that no longer
 * exists (or adding one whose id is taken) change nothing, so an undo stack that outlived a
 * merge with another tab can still be replayed safely.
 */
export function applyEdit(state: AnalysisState, edit: Edit): AnalysisState {
  switch (edit.kind) {
    case 'reshape-box':
      return replaceBox(state, edit.boxId, (box) => ({
        ...box,
        box: { ...edit.after.box },
        edited: edit.after.edited,
      }))
    case 'rename-box':
      return replaceBox(state, edit.boxId, (box) => ({
        ...box,
        label: edit.after.label,
        edited: edit.after.edited,
      }))
    case 'add-box': {
      const boxes = state.analysis.boxes
      if (boxes.some((box) => box.id === edit.box.id)) return state
      const index = Math.min(Math.max(0, edit.index), boxes.length)
      const next = [...boxes.slice(0, index), edit.box, ...boxes.slice(index)]
      return { ...state, analysis: { ...state.analysis, boxes: next } }
    }
    case 'delete-box': {
      const boxes = state.analysis.boxes.filter((box) => box.id !== edit.box.id)
      if (boxes.length === state.analysis.boxes.length) return state
      return {
        ...state,
        analysis: { ...state.analysis, boxes },
        hiddenBoxIds: state.hiddenBoxIds.filter((id) => id !== edit.box.id),
      }
    }
    case 'set-label-visibility':
      return { ...state, hiddenLabels: withMember(state.hiddenLabels, edit.label, !edit.visible) }
    case 'set-category-visibility':
      return {
        ...state,
        hiddenCategories: withMember(state.hiddenCategories, edit.category, !edit.visible),
      }
    case 'set-box-visibility':
      return { ...state, hiddenBoxIds: withMember(state.hiddenBoxIds, edit.boxId, !edit.visible) }
    case 'batch':
      return edit.edits.reduce(applyEdit, state)
  }
}

/** The edit that takes the state after `edit` back to the state before it. */
export function invertEdit(edit: Edit): Edit {
  switch (edit.kind) {
    case 'reshape-box':
      return { ...edit, before: edit.after, after: edit.before }
    case 'rename-box':
      return { ...edit, before: edit.after, after: edit.before }
    case 'add-box':
      return { kind: 'delete-box', box: edit.box, index: edit.index }
    case 'delete-box':
      return { kind: 'add-box', box: edit.box, index: edit.index }
    case 'set-label-visibility':
      return { ...edit, visible: !edit.visible }
    case 'set-category-visibility':
      return { ...edit, visible: !edit.visible }
    case 'set-box-visibility':
      return { ...edit, visible: !edit.visible }
    case 'batch':
      return { kind: 'batch', edits: edit.edits.map(invertEdit).reverse() }
  }
}

function findBox(state: AnalysisState, boxId: string): LabelBox | undefined {
  return state.analysis.boxes.find((box) => box.id === boxId)
}

function sameBox(a: NormalizedBox, b: NormalizedBox): boolean {
  return a.left === b.left && a.top === b.top && a.width === b.width && a.height === b.height
}

// The builders below read the current state to capture "before" values. They return null when
// the edit would change nothing, so the caller records no empty undo step.

export function reshapeBox(
  state: AnalysisState,
  boxId: string,
  box: NormalizedBox,
  gesture: ReshapeGesture,
): Edit | null {
  const current = findBox(state, boxId)
  if (!current || sameBox(current.box, box)) return null
  return {
    kind: 'reshape-box',
    boxId,
    gesture,
    before: { box: { ...current.box }, edited: current.edited },
    after: { box: { ...box }, edited: true },
  }
}

export function renameBox(state: AnalysisState, boxId: string, label: string): Edit | null {
  const current = findBox(state, boxId)
  if (!current || current.label === label) return null
  return {
    kind: 'rename-box',
    boxId,
    before: { label: current.label, edited: current.edited },
    after: { label, edited: true },
  }
}

/**
 * A box the user drew; the caller supplies the id (e.g. crypto.randomUUID()). Whatever hid its
 * label (the label itself, a parent, its category) is switched on in the same undo step, so a
 * box just drawn is always shown.
 */
export function addUserBox(
  state: AnalysisState,
  id: string,
  label: string,
  box: NormalizedBox,
): Edit | null {
  if (findBox(state, id)) return null
  const userBox: LabelBox = {
    id,
    label,
    confidence: null,
    box: { ...box },
    source: 'user',
    edited: true,
    dominantColors: [],
  }
  const known = state.analysis.labels.find((entry) => entry.name === label)
  const category = known?.categories[0] ?? OTHER_CATEGORY
  const reveal = [
    setLabelsVisibility(state, [label, ...(known?.parents ?? [])], true),
    setCategoryVisibility(state, category, true),
  ].filter((edit): edit is Edit => edit !== null)
  return batchOf([{ kind: 'add-box', box: userBox, index: state.analysis.boxes.length }, ...reveal])
}

export function deleteBox(state: AnalysisState, boxId: string): Edit | null {
  const index = state.analysis.boxes.findIndex((box) => box.id === boxId)
  const box = state.analysis.boxes[index]
  if (!box) return null
  const edits: Edit[] = [{ kind: 'delete-box', box, index }]
  // Deleting drops the box from hiddenBoxIds; undo must hide it again.
  if (state.hiddenBoxIds.includes(boxId)) {
    edits.unshift({ kind: 'set-box-visibility', boxId, visible: true })
  }
  return edits.length === 1 ? edits[0]! : { kind: 'batch', edits }
}

export function setLabelVisibility(
  state: AnalysisState,
  label: string,
  visible: boolean,
): Edit | null {
  if (state.hiddenLabels.includes(label) !== visible) return null
  return { kind: 'set-label-visibility', label, visible }
}

export function setBoxVisibility(
  state: AnalysisState,
  boxId: string,
  visible: boolean,
): Edit | null {
  if (!findBox(state, boxId) || state.hiddenBoxIds.includes(boxId) !== visible) return null
  return { kind: 'set-box-visibility', boxId, visible }
}

function batchOf(edits: Edit[]): Edit | null {
  if (edits.length === 0) return null
  return edits.length === 1 ? edits[0]! : { kind: 'batch', edits }
}

export function setCategoryVisibility(
  state: AnalysisState,
  category: string,
  visible: boolean,
): Edit | null {
  if (state.hiddenCategories.includes(category) !== visible) return null
  return { kind: 'set-category-visibility', category, visible }
}

/** Switches several labels on or off as one undo step ("Hide all"). */
export function setLabelsVisibility(
  state: AnalysisState,
  labels: Iterable<string>,
  visible: boolean,
): Edit | null {
  const edits = [...new Set(labels)]
    .sort()
    .map((label) => setLabelVisibility(state, label, visible))
    .filter((edit): edit is Edit => edit !== null)
  return batchOf(edits)
}

/** Everything switched off is switched on again, as one undo step ("Show all"). */
export function showEverything(state: AnalysisState): Edit | null {
  return batchOf([
    ...state.hiddenLabels.map((label) => ({
      kind: 'set-label-visibility' as const,
      label,
      visible: true,
    })),
    ...state.hiddenCategories.map((category) => ({
      kind: 'set-category-visibility' as const,
      category,
      visible: true,
    })),
    ...state.hiddenBoxIds.map((boxId) => ({
      kind: 'set-box-visibility' as const,
      boxId,
      visible: true,
    })),
  ])
}
