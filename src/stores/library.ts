// The guest's photo gallery: what is stored under its prefix, thumbnails to show, a selection
// for export, and deleting a photo with everything beside it.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { DetectionSettings, LabelAnalysis } from '../lib/analysis'
import { createDocument, type AnalysisDocument } from '../lib/analysis-document'
import { appError, isAppError, type AppError } from '../lib/app-errors'
import type { SavedVersion } from '../lib/autosave'
import { createState } from '../lib/edits'
import { toRekognitionJson } from '../lib/export'
import { analysisKey, thumbnailKey, type LibraryEntry } from '../lib/photo-library'
import { makeThumbnail } from '../composables/photo-thumbnail'
import { useSessionStore } from './session'

let libraryAws: Promise<typeof import('../aws')> | undefined

/** The library's S3 calls load with the rest of the AWS code, after first paint (once). */
export function loadLibraryAws() {
  libraryAws ??= import('../aws').catch((error: unknown) => {
    // A failed chunk load (offline) may succeed later.
    libraryAws = undefined
    throw error
  })
  return libraryAws
}

export type LibraryStatus = 'idle' | 'loading' | 'ready' | 'failed'

export interface ThumbnailView {
  /** An object URL for <img>, or null while loading or when the photo has no thumbnail. */
  url: string | null
  /** The name the user gave the photo, when known. */
  name: string
  state: 'loading' | 'ready' | 'missing'
}

/** A photo just uploaded and labelled, ready to be stored in the library. */
export interface AnalysedPhoto {
  photoKey: string
  /** The prepared photo as uploaded, for the thumbnail. */
  image: ImageBitmap
  width: number
  height: number
  fileName: string
  settings: DetectionSettings
  analysis: LabelAnalysis
}

/** The first document of a photo: the detection as it came, no edits yet. */
export function firstDocument(photo: AnalysedPhoto, now = new Date()): AnalysisDocument {
  const photoInfo = { fileName: photo.fileName, width: photo.width, height: photo.height }
  return createDocument({
    photo: {
      key: photo.photoKey,
      width: photo.width,
      height: photo.height,
      originalName: photo.fileName,
      addedAt: now.toISOString(),
    },
    settings: {
      maxLabels: photo.settings.maxLabels,
      minConfidence: photo.settings.minConfidence,
      imageProperties: photo.settings.imageProperties,
      includeCategories: [...photo.settings.includeCategories],
      excludeCategories: [...photo.settings.excludeCategories],
    },
    // The AWS layer hands over converted results; this is their DetectLabels form, unedited.
    response: toRekognitionJson({ ...photoInfo, state: createState(photo.analysis) }),
    analysis: photo.analysis,
    savedAt: now.toISOString(),
  })
}

function asAppError(error: unknown): AppError {
  return isAppError(error) ? error : appError('unknown', String(error))
}

export const useLibraryStore = defineStore('library', () => {
  const entries = ref<LibraryEntry[]>([])
  const status = ref<LibraryStatus>('idle')
  const error = ref<AppError | null>(null)
  const thumbnails = ref<Record<string, ThumbnailView>>({})
  const selected = ref<string[]>([])
  /** Photos being deleted right now (their buttons are disabled). */
  const deleting = ref<string[]>([])
  const removeListeners = new Set<(photoKey: string) => void>()

  const selectedEntries = computed(() =>
    entries.value.filter((entry) => selected.value.includes(entry.photoKey)),
  )

  function nameOf(photoKey: string): string {
    return thumbnails.value[photoKey]?.name || 'Photo'
  }

  function dropThumbnail(photoKey: string) {
    const url = thumbnails.value[photoKey]?.url
    if (url) URL.revokeObjectURL(url)
    const rest = { ...thumbnails.value }
    delete rest[photoKey]
    thumbnails.value = rest
  }

  async function loadThumbnail(entry: LibraryEntry) {
    if (thumbnails.value[entry.photoKey]) return
    if (!entry.thumbnailKey) {
      thumbnails.value = {
        ...thumbnails.value,
        [entry.photoKey]: { url: null, name: '', state: 'missing' },
      }
      return
    }
    thumbnails.value = {
      ...thumbnails.value,
      [entry.photoKey]: { url: null, name: '', state: 'loading' },
    }
    try {
      const [aws, session] = await Promise.all([
        loadLibraryAws(),
        useSessionStore().ensureSession(),
      ])
      const thumbnail = await aws.getThumbnail(session, entry.photoKey)
      const blob = new Blob([new Uint8Array(thumbnail.bytes)], { type: 'image/jpeg' })
      // The photo may have been deleted while its thumbnail loaded.
      if (!entries.value.some((known) => known.photoKey === entry.photoKey)) return
      thumbnails.value = {
        ...thumbnails.value,
        [entry.photoKey]: {
          url: URL.createObjectURL(blob),
          name: thumbnail.originalName,
          state: 'ready',
        },
      }
    } catch {
      thumbnails.value = {
        ...thumbnails.value,
        [entry.photoKey]: { url: null, name: '', state: 'missing' },
      }
    }
  }

  /** Lists the guest's photos again (newest first) and starts loading their thumbnails. */
  async function refresh() {
    status.value = 'loading'
    error.value = null
    try {
      const [aws, session] = await Promise.all([
        loadLibraryAws(),
        useSessionStore().ensureSession(),
      ])
      const listed = await aws.listLibrary(session)
      const keys = new Set(listed.map((entry) => entry.photoKey))
      for (const key of Object.keys(thumbnails.value)) if (!keys.has(key)) dropThumbnail(key)
      selected.value = selected.value.filter((key) => keys.has(key))
      entries.value = listed
      status.value = 'ready'
      for (const entry of listed) void loadThumbnail(entry)
    } catch (reason) {
      error.value = asAppError(reason)
      status.value = 'failed'
    }
  }

  /** A photo just added in this tab: shown at once, without listing the bucket again. */
  function addLocal(entry: LibraryEntry, thumbnail: Uint8Array | null, name: string) {
    entries.value = [entry, ...entries.value.filter((known) => known.photoKey !== entry.photoKey)]
    dropThumbnail(entry.photoKey)
    const url = thumbnail
      ? URL.createObjectURL(new Blob([new Uint8Array(thumbnail)], { type: 'image/jpeg' }))
      : null
    thumbnails.value = {
      ...thumbnails.value,
      [entry.photoKey]: { url, name, state: url ? 'ready' : 'missing' },
    }
  }

  /** Makes and stores the gallery thumbnail; null when that failed (the photo still works). */
  async function storeThumbnail(photo: AnalysedPhoto): Promise<Uint8Array | null> {
    try {
      const [aws, session] = await Promise.all([
        loadLibraryAws(),
        useSessionStore().ensureSession(),
      ])
      const thumbnail = await makeThumbnail(photo.image)
      await aws.putThumbnail(session, photo.photoKey, thumbnail, photo.fileName)
      return thumbnail
    } catch {
      return null
    }
  }

  /** Shows a photo added in this tab in the gallery, with its thumbnail if there is one. */
  function showAdded(photo: AnalysedPhoto, addedAt: string, thumbnail: Uint8Array | null) {
    addLocal(
      {
        photoKey: photo.photoKey,
        addedAt,
        size: 0,
        thumbnailKey: thumbnail ? thumbnailKey(photo.photoKey) : null,
        analysisKey: analysisKey(photo.photoKey),
      },
      thumbnail,
      photo.fileName,
    )
  }

  /**
   * Stores a newly labelled photo's thumbnail and first document beside it and shows it in the
   * gallery. A thumbnail that fails only costs the picture in the gallery; the document must land.
   */
  async function addAnalysed(photo: AnalysedPhoto): Promise<SavedVersion> {
    const thumbnail = await storeThumbnail(photo)
    const [aws, session] = await Promise.all([loadLibraryAws(), useSessionStore().ensureSession()])
    const document = firstDocument(photo)
    const etag = await aws.writeAnalysis(session, photo.photoKey, document, null)
    showAdded(photo, document.photo.addedAt, thumbnail)
    return { document, etag }
  }

  function toggleSelected(photoKey: string) {
    selected.value = selected.value.includes(photoKey)
      ? selected.value.filter((key) => key !== photoKey)
      : [...selected.value, photoKey]
  }

  function selectAll() {
    selected.value = entries.value.map((entry) => entry.photoKey)
  }

  function clearSelection() {
    selected.value = []
  }

  /** Called before a photo is deleted, so whoever shows it can stop saving beside it first. */
  function onRemove(listener: (photoKey: string) => void): () => void {
    removeListeners.add(listener)
    return () => removeListeners.delete(listener)
  }

  /** Deletes the photo and its side files; rejects with an AppError (the entry stays). */
  async function remove(photoKey: string) {
    for (const listener of removeListeners) listener(photoKey)
    deleting.value = [...deleting.value, photoKey]
    try {
      const [aws, session] = await Promise.all([
        loadLibraryAws(),
        useSessionStore().ensureSession(),
      ])
      await aws.deletePhoto(session, photoKey)
      entries.value = entries.value.filter((entry) => entry.photoKey !== photoKey)
      selected.value = selected.value.filter((key) => key !== photoKey)
      dropThumbnail(photoKey)
    } catch (reason) {
      throw asAppError(reason)
    } finally {
      deleting.value = deleting.value.filter((key) => key !== photoKey)
    }
  }

  return {
    entries,
    status,
    error,
    thumbnails,
    selected,
    deleting,
    selectedEntries,
    nameOf,
    refresh,
    loadThumbnail,
    addLocal,
    addAnalysed,
    storeThumbnail,
    showAdded,
    toggleSelected,
    selectAll,
    clearSelection,
    onRemove,
    remove,
  }
})
