import { useAutosaveStore } from '../stores/autosave'
import { useAnalysisHistory } from './useAnalysisHistory'
import { useLibrarySync } from './useLibrarySync'
import { useUndoShortcuts } from './useUndoShortcuts'
import { useUnsavedWarning } from './useUnsavedWarning'

/**
 * Everything "My photos" adds to the editor, set up once by the app: edits recorded for undo and
 * autosaved, keyboard undo/redo, a warning before leaving with unsaved edits, and the open photo
 * kept in step with the library.
 */
export function useLibraryFeatures() {
  const autosave = useAutosaveStore()
  useAnalysisHistory()
  const sync = useLibrarySync()
  useUndoShortcuts({
    onCommand: (command) => (command === 'undo' ? autosave.undo() : autosave.redo()),
  })
  useUnsavedWarning({
    hasUnsavedChanges: () => autosave.hasUnsavedChanges,
    flush: () => void autosave.flush(),
  })
  return sync
}
