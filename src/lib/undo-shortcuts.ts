// Which key presses mean undo and redo, on every platform, and when to leave them alone.

export type HistoryCommand = 'undo' | 'redo'

/** The parts of a KeyboardEvent the decision needs. */
export interface ShortcutKey {
  key: string
  ctrlKey: boolean
  metaKey: boolean
  shiftKey: boolean
  altKey: boolean
  /** The event target accepts typing (input, textarea, select, contenteditable). */
  inEditableField: boolean
}

/**
 * Ctrl+Z or Cmd+Z undoes; Shift with either, or Ctrl+Y (Windows' habit), redoes. Nothing while
 * typing in a field, where the browser's own text undo must keep working, and nothing with Alt
 * (Alt+Ctrl combinations type characters on some keyboard layouts).
 */
export function historyCommand(event: ShortcutKey): HistoryCommand | null {
  if (event.inEditableField || event.altKey) return null
  const command = event.ctrlKey || event.metaKey
  if (!command) return null
  const key = event.key.toLowerCase()
  if (key === 'z') return event.shiftKey ? 'redo' : 'undo'
  if (key === 'y' && event.ctrlKey && !event.metaKey && !event.shiftKey) return 'redo'
  return null
}
