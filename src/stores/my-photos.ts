// My photos: what is stored under the guest's prefix, thumbnails to show, a selection for
// export, and deleting a photo with everything beside it.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { AnalysisDocument } from '../lib/analysis-document'
import { asAppError, type AppError } from '../lib/app-errors'
import { analysisKey, thumbnailKey, type MyPhotosEntry } from '../lib/my-photos'
import { usePhotoStore } from './photo'
import { useSessionStore } from './session'

export type MyPhotosStatus = 'idle' | 'loading' | 'ready' | 'failed'

export interface ThumbnailView {
  /** An object URL for <img>, or null while loading or when the photo has no thumbnail. */
  url: string | null
  /** The name the user gave the photo, when known. */
  name: string
  state: 'loading' | 'ready' | 'missing'
}

export const useMyPhotosStore = defineStore('my-photos', () => {
  const entries = ref<MyPhotosEntry[]>([])
  const status = ref<MyPhotosStatus>('idle')
  const error = ref<AppError | null>(null)
  const thumbnails = ref<Record<string, ThumbnailView>>({})
  const selected = ref<string[]>([])
  /** Photos being deleted right now (their buttons are disabled). */
  const deleting = ref<string[]>([])

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

  async function loadThumbnail(entry: MyPhotosEntry) {
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
      const thumbnail = await (await useSessionStore().door()).getThumbnail(entry.photoKey)
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
      const listed = await (await useSessionStore().door()).listPhotos()
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
  function addLocal(entry: MyPhotosEntry, thumbnail: Uint8Array | null, name: string) {
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

  /** A photo just labelled in this tab, shown with its thumbnail (if one was stored). */
  function showAdded(document: AnalysisDocument, thumbnail: Uint8Array | null) {
    const photoKey = document.photo.key
    addLocal(
      {
        photoKey,
        addedAt: document.photo.addedAt,
        size: 0,
        thumbnailKey: thumbnail ? thumbnailKey(photoKey) : null,
        analysisKey: analysisKey(photoKey),
      },
      thumbnail,
      document.photo.originalName,
    )
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

  /** Deletes the photo and its side files; rejects with an AppError (the entry stays). */
  async function remove(photoKey: string) {
    // The open photo closes first: a pending save must not write its document back.
    await usePhotoStore().forgetStored(photoKey)
    deleting.value = [...deleting.value, photoKey]
    try {
      await (await useSessionStore().door()).deletePhoto(photoKey)
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
    showAdded,
    toggleSelected,
    selectAll,
    clearSelection,
    remove,
  }
})
