import { onScopeDispose, reactive } from 'vue'
import type { AppError } from '../lib/app-errors'
import { useAutosaveStore } from '../stores/autosave'
import { useQueueStore } from '../stores/queue'
import { useAnalysisHistory } from './useAnalysisHistory'
import { useLibrarySync } from './useLibrarySync'
import { useUndoShortcuts } from './useUndoShortcuts'
import { useUnsavedWarning } from './useUnsavedWarning'

export interface LibraryFeatures {
  /** The photo being opened from the gallery, if any. */
  readonly opening: string | null
  readonly openError: AppError | null
  openFromLibrary(photoKey: string): Promise<void>
  dismissOpenError(): void
  /** Several photos at once: prepared, uploaded and labelled in the queue. */
  addFiles(files: File[]): Promise<void>
}

/**
 * Everything "My photos" adds to the editor, set up once by the app (loaded after first paint):
 * edits recorded for undo and autosaved, keyboard undo/redo, a warning before leaving with
 * unsaved edits, a save retried as soon as the browser is back online, and the open photo kept
 * in step with the library.
 */
export function useLibraryFeatures(target: Window = window): LibraryFeatures {
  const autosave = useAutosaveStore()
  useAnalysisHistory()
  const sync = useLibrarySync()
  useUndoShortcuts({
    onCommand: (command) => (command === 'undo' ? autosave.undo() : autosave.redo()),
    target,
  })
  useUnsavedWarning({
    hasUnsavedChanges: () => autosave.hasUnsavedChanges,
    flush: () => void autosave.flush(),
    target,
  })
  const retryNow = () => void autosave.flush()
  target.addEventListener('online', retryNow)
  onScopeDispose(() => target.removeEventListener('online', retryNow))
  const queue = useQueueStore()
  return reactive({
    opening: sync.opening,
    openError: sync.openError,
    openFromLibrary: sync.openFromLibrary,
    dismissOpenError: () => {
      sync.openError.value = null
    },
    addFiles: (files: File[]) => queue.addFiles(files),
  })
}
