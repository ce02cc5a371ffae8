import { onScopeDispose, ref, toRaw, watch } from 'vue'
import { appError, isAppError, type AppError } from '../lib/app-errors'
import { useAnalysisStore } from '../stores/analysis'
import { useAutosaveStore } from '../stores/autosave'
import {
  firstDocument,
  loadLibraryAws,
  useLibraryStore,
  type AnalysedPhoto,
} from '../stores/library'
import { usePhotoStore } from '../stores/photo'
import { useSessionStore } from '../stores/session'
import { useSettingsStore } from '../stores/settings'

/** This tab's open photo, so a reload brings it back (per tab, like the page itself). */
const OPEN_PHOTO_STORAGE_KEY = 'image-labels:open-photo'

function rememberOpenPhoto(photoKey: string | null) {
  try {
    if (photoKey) sessionStorage.setItem(OPEN_PHOTO_STORAGE_KEY, photoKey)
    else sessionStorage.removeItem(OPEN_PHOTO_STORAGE_KEY)
  } catch {
    // Without storage a reload starts at My photos; nothing is lost.
  }
}

function rememberedOpenPhoto(): string | null {
  try {
    return sessionStorage.getItem(OPEN_PHOTO_STORAGE_KEY)
  } catch {
    return null
  }
}

/**
 * Keeps the open photo and the library in step: a new detection gets its document (saved beside
 * the photo) and thumbnail, and a photo reopened from the gallery comes back exactly as saved.
 */
export function useLibrarySync() {
  const analysis = useAnalysisStore()
  const autosave = useAutosaveStore()
  const library = useLibraryStore()
  const photo = usePhotoStore()
  const session = useSessionStore()
  const opening = ref<string | null>(null)
  const openError = ref<AppError | null>(null)

  // A detection replaces the labels array; edits never do. So a new array that is not the open
  // document's own is a fresh DetectLabels result for the photo on screen.
  watch(
    () => analysis.labels,
    async (labels) => {
      const key = photo.uploadedKey
      const prepared = photo.photo
      if (!analysis.loaded || !key || !prepared) return
      const raw = toRaw(labels)
      if (autosave.document?.state.analysis.labels === raw) return
      const analysed: AnalysedPhoto = {
        photoKey: key,
        image: prepared.bitmap,
        width: prepared.width,
        height: prepared.height,
        fileName: photo.fileName,
        settings: { ...useSettingsStore().settings },
        analysis: {
          labels: raw,
          boxes: toRaw(analysis.boxes),
          imageProperties: toRaw(analysis.imageProperties),
          labelModelVersion: analysis.labelModelVersion,
        },
      }
      const document = firstDocument(analysed)
      const current = autosave.document
      if (autosave.photoKey === key && current) {
        // Detected again with other settings: the new result replaces the old one and its edits.
        autosave.replace({ ...document, photo: current.photo })
        return
      }
      autosave.open(key, document, null)
      const thumbnail = await library.storeThumbnail(analysed)
      library.showAdded(analysed, document.photo.addedAt, thumbnail)
    },
    // This loads after first paint: a detection that finished before still gets its document.
    { immediate: true },
  )

  // Deleting the open photo closes it first: a pending save must not write its document back.
  const stopRemove = library.onRemove((photoKey) => {
    if (autosave.photoKey !== photoKey) return
    autosave.discard()
    photo.clear()
  })
  onScopeDispose(stopRemove)

  watch(
    () => autosave.photoKey,
    (key) => {
      if (key) rememberOpenPhoto(key)
    },
  )
  watch(
    () => photo.phase,
    (phase) => {
      if (phase === 'empty') rememberOpenPhoto(null)
    },
  )

  /**
   * Shows a stored photo with its labels and edits exactly as saved. `quiet`: a failure is not
   * shown (reopening after a reload a photo that was deleted meanwhile).
   */
  async function openFromLibrary(photoKey: string, { quiet = false } = {}) {
    if (opening.value) return
    opening.value = photoKey
    openError.value = null
    try {
      const [aws, awsSession] = await Promise.all([loadLibraryAws(), session.ensureSession()])
      const [bytes, saved] = await Promise.all([
        aws.getPhotoBytes(awsSession, photoKey),
        aws.readAnalysis(awsSession, photoKey),
      ])
      const bitmap = await createImageBitmap(
        new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }),
      )
      photo.clear()
      const document = saved?.document
      if (document) autosave.open(photoKey, document, saved)
      else autosave.close()
      photo.photo = {
        bytes: new Uint8Array(bytes).buffer,
        bitmap,
        width: bitmap.width,
        height: bitmap.height,
        quality: 0,
        sourceWidth: document?.photo.width ?? bitmap.width,
        sourceHeight: document?.photo.height ?? bitmap.height,
        millis: 0,
      }
      photo.uploadedKey = photoKey
      photo.fileName = document?.photo.originalName || library.nameOf(photoKey)
      if (!document) {
        // Uploaded but never labelled (e.g. the tab closed during detection): label it now.
        await photo.detectAgain()
        return
      }
      analysis.load(document.state.analysis, document.settings.minConfidence)
      analysis.hiddenLabels = new Set(document.state.hiddenLabels)
      photo.phase = 'ready'
    } catch (error) {
      if (quiet) rememberOpenPhoto(null)
      else openError.value = isAppError(error) ? error : appError('unknown', String(error))
    } finally {
      opening.value = null
    }
  }

  watch(
    () => session.status,
    (status) => {
      const remembered = rememberedOpenPhoto()
      if (status === 'ready' && remembered && !photo.photo) {
        void openFromLibrary(remembered, { quiet: true })
      }
    },
    { immediate: true },
  )

  return { opening, openError, openFromLibrary }
}
