// The open photo's analysis document: every edit goes through here into the undo history and
// is autosaved beside the photo (debounced, conditional on the ETag, merged on conflict,
// retried on failure). The editor's stores show the state; this store keeps it.
import { defineStore } from 'pinia'
import type { AwsSession } from '../aws'
import { computed, ref, shallowRef } from 'vue'
import { updateDocument, type AnalysisDocument } from '../lib/analysis-document'
import { isAppError } from '../lib/app-errors'
import { Autosaver, type DocumentRemote, type SaveState, type SavedVersion } from '../lib/autosave'
import { applyEdit, type AnalysisState, type Edit } from '../lib/edits'
import { canRedo, canUndo, record, redo as redoStep, undo as undoStep } from '../lib/history'
import { loadLibraryAws } from './library'
import { useSessionStore } from './session'

export type StateListener = (state: AnalysisState) => void

const idle: SaveState = { status: 'saved', error: null, retryAt: null, merges: 0 }

function libraryRemote(photoKey: string): DocumentRemote {
  const sessionStore = useSessionStore()
  const withSession = async <T>(
    call: (aws: typeof import('../aws'), session: AwsSession) => Promise<T>,
  ): Promise<T> => {
    const [aws, session] = await Promise.all([loadLibraryAws(), sessionStore.ensureSession()])
    try {
      return await call(aws, session)
    } catch (error) {
      // The next try asks for fresh guest credentials.
      if (isAppError(error) && error.code === 'credentials-expired') sessionStore.resetSession()
      throw error
    }
  }
  return {
    read: () => withSession((aws, session) => aws.readAnalysis(session, photoKey)),
    write: (document, etag) =>
      withSession((aws, session) => aws.writeAnalysis(session, photoKey, document, etag)),
  }
}

export const useAutosaveStore = defineStore('autosave', () => {
  const photoKey = ref<string | null>(null)
  const document = shallowRef<AnalysisDocument | null>(null)
  const save = shallowRef<SaveState>(idle)
  let saver: Autosaver | null = null
  const stateListeners = new Set<StateListener>()
  /** Savers of photos no longer open that still have a write to finish. */
  const finishing = ref(0)

  const canUndoNow = computed(() => (document.value ? canUndo(document.value.history) : false))
  const canRedoNow = computed(() => (document.value ? canRedo(document.value.history) : false))

  const hasUnsavedChanges = computed(() => save.value.status !== 'saved' || finishing.value > 0)

  /** Called when the state changes other than by the editor: undo, redo, another tab's merge. */
  function onStateShown(listener: StateListener): () => void {
    stateListeners.add(listener)
    return () => stateListeners.delete(listener)
  }

  function show(next: AnalysisDocument) {
    document.value = next
    for (const listener of stateListeners) listener(next.state)
  }

  /** Lets the previous photo's saver finish its pending write in the background, then stops it. */
  function retire(previous: Autosaver | null) {
    if (!previous) return
    finishing.value += 1
    void previous.flush().finally(() => {
      previous.dispose()
      finishing.value -= 1
    })
  }

  /** Stops saving the open photo and drops what is pending (its photo is being deleted). */
  function discard() {
    saver?.dispose()
    saver = null
    photoKey.value = null
    document.value = null
    save.value = idle
  }

  function close() {
    retire(saver)
    saver = null
    photoKey.value = null
    document.value = null
    save.value = idle
  }

  /**
   * Makes `initial` the open document at once (edits are recorded from now on). `saved` is what
   * is stored (null: nothing yet, so the first write creates it); when `initial` differs from
   * it, a save is scheduled.
   */
  function open(key: string, initial: AnalysisDocument, saved: SavedVersion | null) {
    retire(saver)
    photoKey.value = key
    document.value = initial
    const created = new Autosaver({
      remote: libraryRemote(key),
      saved,
      onState: (state) => {
        if (saver === created) save.value = state
      },
      onMerged: (merged) => {
        if (saver === created) show(merged)
      },
    })
    saver = created
    save.value = created.current
    if (saved?.document !== initial) created.change(initial)
  }

  function stamp(state: AnalysisState, history: AnalysisDocument['history']) {
    const current = document.value
    if (!current || !saver) return
    const next = updateDocument(current, state, history, new Date().toISOString())
    document.value = next
    saver.change(next)
  }

  /** Records an edit the editor has already shown. */
  function commit(edit: Edit) {
    const current = document.value
    if (!current) return
    stamp(applyEdit(current.state, edit), record(current.history, edit, Date.now()))
  }

  function undo(): boolean {
    const current = document.value
    const step = current ? undoStep(current.history, current.state) : null
    if (!step) return false
    stamp(step.state, step.history)
    if (document.value) show(document.value)
    return true
  }

  function redo(): boolean {
    const current = document.value
    const step = current ? redoStep(current.history, current.state) : null
    if (!step) return false
    stamp(step.state, step.history)
    if (document.value) show(document.value)
    return true
  }

  /** A new detection of the same photo: a fresh document replaces the stored one. */
  function replace(next: AnalysisDocument) {
    if (!saver) return
    document.value = next
    saver.change(next)
  }

  /** Saves now (e.g. before leaving the page or switching photos). */
  async function flush() {
    await saver?.flush()
  }

  return {
    photoKey,
    document,
    save,
    canUndo: canUndoNow,
    canRedo: canRedoNow,
    hasUnsavedChanges,
    onStateShown,
    open,
    close,
    discard,
    commit,
    undo,
    redo,
    replace,
    flush,
  }
})
