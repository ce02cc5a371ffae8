import { onScopeDispose } from 'vue'
import { historyCommand, type HistoryCommand } from '../lib/undo-shortcuts'

export interface UndoShortcutOptions {
  onCommand: (command: HistoryCommand) => boolean | void
  target?: Window
}

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target.isContentEditable) return true
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true
  if (!(target instanceof HTMLInputElement)) return false
  // Checkboxes, radios, ranges and buttons have no text undo of their own.
  return !['checkbox', 'radio', 'range', 'button', 'submit', 'reset', 'color', 'file'].includes(
    target.type,
  )
}

/** Ctrl/Cmd+Z undoes, Shift+Ctrl/Cmd+Z and Ctrl+Y redo, anywhere but in a text field. */
export function useUndoShortcuts({ onCommand, target = window }: UndoShortcutOptions) {
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.defaultPrevented || event.repeat) return
    const command = historyCommand({
      key: event.key,
      ctrlKey: event.ctrlKey,
      metaKey: event.metaKey,
      shiftKey: event.shiftKey,
      altKey: event.altKey,
      inEditableField: isEditable(event.target),
    })
    if (!command) return
    // The browser's own Ctrl+Z/Ctrl+Y would do nothing useful here; Ctrl+Y opens history.
    event.preventDefault()
    onCommand(command)
  }
  target.addEventListener('keydown', onKeyDown)
  onScopeDispose(() => target.removeEventListener('keydown', onKeyDown))
}
