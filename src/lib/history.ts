// Undo and redo over edits. The history is plain JSON data so it is saved inside the analysis
// document and undo still works after a reload.
import { applyEdit, invertEdit, type AnalysisState, type Edit } from './edits'

export interface HistoryEntry {
  edit: Edit
  /** Milliseconds since the epoch when the entry was last recorded or extended. */
  at: number
}

export interface History {
  /** Oldest first; the last entry is the next undo. */
  past: HistoryEntry[]
  /** Most recently undone last; the last entry is the next redo. */
  future: HistoryEntry[]
  limit: number
}

export const DEFAULT_HISTORY_LIMIT = 200
/** Arrow-key nudges of one box closer together than this become one undo step. */
export const NUDGE_COALESCE_MS = 1000

export function createHistory(limit = DEFAULT_HISTORY_LIMIT): History {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError('History limit must be ≥ 1')
  return { past: [], future: [], limit }
}

function coalesce(previous: HistoryEntry, edit: Edit, at: number): HistoryEntry | null {
  const older = previous.edit
  if (older.kind !== 'reshape-box' || edit.kind !== 'reshape-box') return null
  if (older.gesture !== 'nudge' || edit.gesture !== 'nudge') return null
  if (older.boxId !== edit.boxId) return null
  if (at - previous.at > NUDGE_COALESCE_MS || at < previous.at) return null
  return { edit: { ...edit, before: older.before }, at }
}

/**
 * Adds an edit the caller has just applied. A new edit clears the redo stack; a nudge of the
 * same box within NUDGE_COALESCE_MS of the previous one extends that entry instead of adding
 * one; the oldest entries fall off past `limit`.
 */
export function record(history: History, edit: Edit, at: number): History {
  const previous = history.past.at(-1)
  const merged = previous ? coalesce(previous, edit, at) : null
  const past = merged ? [...history.past.slice(0, -1), merged] : [...history.past, { edit, at }]
  return { ...history, past: past.slice(-history.limit), future: [] }
}

export function canUndo(history: History): boolean {
  return history.past.length > 0
}

export function canRedo(history: History): boolean {
  return history.future.length > 0
}

export interface HistoryStep {
  history: History
  state: AnalysisState
  /** The edit that was applied to reach `state` (already inverted for an undo). */
  applied: Edit
}

export function undo(history: History, state: AnalysisState): HistoryStep | null {
  const entry = history.past.at(-1)
  if (!entry) return null
  const applied = invertEdit(entry.edit)
  return {
    history: { ...history, past: history.past.slice(0, -1), future: [...history.future, entry] },
    state: applyEdit(state, applied),
    applied,
  }
}

export function redo(history: History, state: AnalysisState): HistoryStep | null {
  const entry = history.future.at(-1)
  if (!entry) return null
  return {
    history: { ...history, past: [...history.past, entry], future: history.future.slice(0, -1) },
    state: applyEdit(state, entry.edit),
    applied: entry.edit,
  }
}
