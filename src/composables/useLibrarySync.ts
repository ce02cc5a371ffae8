import { ref, toRaw, watch } from 'vue'
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

/**
 * Keeps the open photo and the library in step: a new detection gets its document (saved beside
 * the photo) and thumbnail, and a photo reopened from the gallery comes back exactly as saved.
 */
export function useLibrarySync() {
  const analysis = useAnalysisStore()
  const autosave = useAutosaveStore()
  const library = useLibraryStore()
  const photo = usePhotoStore()
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
  )

  /** Shows a stored photo with its labels and edits exactly as saved. */
  async function openFromLibrary(photoKey: string) {
    if (opening.value) return
    opening.value = photoKey
    openError.value = null
    try {
      const [aws, session] = await Promise.all([
        loadLibraryAws(),
        useSessionStore().ensureSession(),
      ])
      const [bytes, saved] = await Promise.all([
        aws.getPhotoBytes(session, photoKey),
        aws.readAnalysis(session, photoKey),
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
      openError.value = isAppError(error) ? error : appError('unknown', String(error))
    } finally {
      opening.value = null
    }
  }

  return { opening, openError, openFromLibrary }
}
