import { onScopeDispose } from 'vue'
import { useAnalysisStore } from '../stores/analysis'
import { useUndoShortcuts } from './useUndoShortcuts'
import { useUnsavedWarning } from './useUnsavedWarning'

/**
 * The page-wide side of editing, set up once by the app after first paint: keyboard undo and
 * redo, a warning before leaving with unsaved edits, and a save retried as soon as the browser
 * is back online. Each only calls the analysis store's actions.
 */
export function useSaveAndUndo(target: Window = window) {
  const analysis = useAnalysisStore()
  useUndoShortcuts({
    onCommand: (command) => (command === 'undo' ? analysis.undo() : analysis.redo()),
    target,
  })
  useUnsavedWarning({
    hasUnsavedChanges: () => analysis.hasUnsavedChanges,
    flush: () => void analysis.flush(),
    target,
  })
  const retryNow = () => void analysis.flush()
  target.addEventListener('online', retryNow)
  onScopeDispose(() => target.removeEventListener('online', retryNow))
}
