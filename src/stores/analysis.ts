// The one owner of the open photo's analysis: its document (state, settings, the detector's
// answer), its undo history and its autosave. Every change is an Edit from lib/edits.ts, applied
// once, recorded once and saved once, here. What the user is looking at (selection, threshold,
// mode) is view state in stores/editor.ts and is never saved.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { updateDocument, type AnalysisDocument } from '../lib/analysis-document'
import {
  Autosaver,
  SaveConflictError,
  type DocumentRemote,
  type SaveState,
  type SavedVersion,
} from '../lib/autosave'
import {
  addUserBox,
  applyEdit,
  deleteBox as deleteBoxEdit,
  renameBox,
  reshapeBox as reshapeBoxEdit,
  setBoxVisibility,
  setCategoryVisibility,
  setLabelsVisibility,
  showEverything,
  type AnalysisState,
  type Edit,
  type ReshapeGesture,
} from '../lib/edits'
import { clampNormalizedBox, type NormalizedBox } from '../lib/geometry'
import { canRedo, canUndo, record, redo as redoStep, undo as undoStep } from '../lib/history'
import { isDeviceKey } from '../lib/device-photo-key'
import { useSessionStore } from './session'

const idle: SaveState = { status: 'saved', error: null, retryAt: null, merges: 0 }

let userBoxCounter = 0
function newUserBoxId(): string {
  userBoxCounter += 1
  return `u${Date.now().toString(36)}-${userBoxCounter}`
}

/**
 * A photo kept on this device (lib/photo-key.ts) has nowhere to be written yet: its document lives
 * in memory for this visit. Keeping it in IndexedDB (the offline queue) replaces this remote.
 */
function deviceRemote(): DocumentRemote {
  let stored: SavedVersion | null = null
  let version = 0
  return {
    read: () => Promise.resolve(stored),
    write: (document, etag) => {
      if ((stored?.etag ?? null) !== etag) return Promise.reject(new SaveConflictError())
      version += 1
      stored = { document, etag: `device-${version}` }
      return Promise.resolve(stored.etag)
    },
  }
}

function remoteFor(photoKey: string): DocumentRemote {
  if (isDeviceKey(photoKey)) return deviceRemote()
  const door = () => useSessionStore().door()
  return {
    read: async () => (await door()).readAnalysis(photoKey),
    write: async (document, etag) => (await door()).writeAnalysis(photoKey, document, etag),
  }
}

export const useAnalysisStore = defineStore('analysis', () => {
  const photoKey = ref<string | null>(null)
  const document = shallowRef<AnalysisDocument | null>(null)
  const save = shallowRef<SaveState>(idle)
  /** Savers of photos no longer open that still have a write to finish. */
  const finishing = ref(0)
  let saver: Autosaver | null = null

  const state = computed<AnalysisState | null>(() => document.value?.state ?? null)
  const loaded = computed(() => document.value !== null)
  const labels = computed(() => state.value?.analysis.labels ?? [])
  const boxes = computed(() => state.value?.analysis.boxes ?? [])
  const imageProperties = computed(() => state.value?.analysis.imageProperties ?? null)
  const canUndoNow = computed(() => (document.value ? canUndo(document.value.history) : false))
  const canRedoNow = computed(() => (document.value ? canRedo(document.value.history) : false))
  const hasUnsavedChanges = computed(() => save.value.status !== 'saved' || finishing.value > 0)

  /** Every label name in this photo, for naming a new box. */
  const knownLabelNames = computed(() => {
    const names = new Set<string>()
    for (const box of boxes.value) names.add(box.label)
    for (const label of labels.value) names.add(label.name)
    return [...names].sort((a, b) => a.localeCompare(b))
  })

  /** Lets the previous photo's saver finish its pending write in the background, then stops it. */
  function retire(previous: Autosaver | null) {
    if (!previous) return
    finishing.value += 1
    void previous.flush().finally(() => {
      previous.dispose()
      finishing.value -= 1
    })
  }

  /**
   * Shows `initial` as the open photo's analysis. `saved` is what is stored (null: nothing yet,
   * so the first write creates it); when `initial` differs from it, a save is scheduled.
   */
  function open(key: string, initial: AnalysisDocument, saved: SavedVersion | null) {
    retire(saver)
    photoKey.value = key
    document.value = initial
    const created = new Autosaver({
      remote: remoteFor(key),
      saved,
      onState: (next) => {
        if (saver === created) save.value = next
      },
      onMerged: (merged) => {
        if (saver === created) document.value = merged
      },
    })
    saver = created
    save.value = created.current
    if (saved?.document !== initial) created.change(initial)
  }

  /** A fresh detection: opened at once and written now; resolves when that write is over. */
  async function start(key: string, initial: AnalysisDocument) {
    if (photoKey.value === key && saver) {
      // The same photo labelled again: the new result replaces the stored one and its edits.
      document.value = initial
      saver.change(initial)
    } else open(key, initial, null)
    await saver?.flush()
  }

  /** Stops showing the photo; a pending write still lands. */
  function close() {
    retire(saver)
    saver = null
    photoKey.value = null
    document.value = null
    save.value = idle
  }

  /** Stops saving and drops what is pending (the photo is being deleted). */
  function discard() {
    saver?.dispose()
    saver = null
    photoKey.value = null
    document.value = null
    save.value = idle
  }

  function stamp(next: AnalysisDocument) {
    document.value = next
    saver?.change(next)
  }

  /** Applies, records and saves one edit; false when there was nothing to change. */
  function commit(edit: Edit | null): boolean {
    const current = document.value
    if (!current || !edit) return false
    const history = record(current.history, edit, Date.now())
    stamp(
      updateDocument(current, applyEdit(current.state, edit), history, new Date().toISOString()),
    )
    return true
  }

  function reshapeBox(id: string, box: NormalizedBox, gesture: ReshapeGesture): boolean {
    const current = state.value
    const clamped = clampNormalizedBox(box)
    if (!current || clamped.width <= 0 || clamped.height <= 0) return false
    return commit(reshapeBoxEdit(current, id, clamped, gesture))
  }

  function relabelBox(id: string, label: string): boolean {
    const name = label.trim()
    return state.value !== null && name !== '' && commit(renameBox(state.value, id, name))
  }

  /** Adds a box the user drew and returns its id (null when nothing was added). */
  function addBox(label: string, box: NormalizedBox): string | null {
    const name = label.trim()
    const clamped = clampNormalizedBox(box)
    if (!state.value || !name || clamped.width <= 0 || clamped.height <= 0) return null
    const id = newUserBoxId()
    return commit(addUserBox(state.value, id, name, clamped)) ? id : null
  }

  function deleteBox(id: string): boolean {
    return state.value !== null && commit(deleteBoxEdit(state.value, id))
  }

  function setLabelsVisible(names: string[], visible: boolean): boolean {
    return state.value !== null && commit(setLabelsVisibility(state.value, names, visible))
  }

  function setCategoryVisible(category: string, visible: boolean): boolean {
    return state.value !== null && commit(setCategoryVisibility(state.value, category, visible))
  }

  function setBoxVisible(id: string, visible: boolean): boolean {
    return state.value !== null && commit(setBoxVisibility(state.value, id, visible))
  }

  function showAll(): boolean {
    return state.value !== null && commit(showEverything(state.value))
  }

  function hideAll(): boolean {
    return setLabelsVisible(knownLabelNames.value, false)
  }

  function undo(): boolean {
    const current = document.value
    const step = current ? undoStep(current.history, current.state) : null
    if (!current || !step) return false
    stamp(updateDocument(current, step.state, step.history, new Date().toISOString()))
    return true
  }

  function redo(): boolean {
    const current = document.value
    const step = current ? redoStep(current.history, current.state) : null
    if (!current || !step) return false
    stamp(updateDocument(current, step.state, step.history, new Date().toISOString()))
    return true
  }

  /** Saves now (before leaving the page, or when the browser is back online). */
  async function flush() {
    await saver?.flush()
  }

  return {
    photoKey,
    document,
    save,
    state,
    loaded,
    labels,
    boxes,
    imageProperties,
    canUndo: canUndoNow,
    canRedo: canRedoNow,
    hasUnsavedChanges,
    knownLabelNames,
    open,
    start,
    close,
    discard,
    reshapeBox,
    relabelBox,
    addBox,
    deleteBox,
    setLabelsVisible,
    setCategoryVisible,
    setBoxVisible,
    showAll,
    hideAll,
    undo,
    redo,
    flush,
  }
})
