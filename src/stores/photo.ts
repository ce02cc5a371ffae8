// The path of one photo: prepare → upload → detect. Each step can fail with a message, and the
// prepared photo is kept so Retry repeats only what failed.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { appError, isAppError, type AppError } from '../lib/app-errors'
import { preparePhoto, type PreparedPhoto } from '../workers/prepare-photo-client'
import { useAnalysisStore } from './analysis'
import { loadAws, useSessionStore } from './session'
import { useSettingsStore } from './settings'

export type PhotoPhase = 'empty' | 'preparing' | 'uploading' | 'detecting' | 'ready' | 'failed'
export type PhotoStep = 'prepare' | 'upload' | 'detect'

export interface StepTimings {
  prepareMs: number | null
  uploadMs: number | null
  detectMs: number | null
  /** From the photo chosen to the labels in the store, when every step ran in one go. */
  totalMs: number | null
}

function asAppError(error: unknown): AppError {
  return isAppError(error) ? error : appError('unknown', String(error))
}

export const usePhotoStore = defineStore('photo', () => {
  const phase = ref<PhotoPhase>('empty')
  const failedStep = ref<PhotoStep | null>(null)
  const error = ref<AppError | null>(null)
  const fileName = ref('')
  const photo = shallowRef<PreparedPhoto | null>(null)
  /** The file as chosen, kept until it is prepared so a failed preparation can be retried. */
  const sourceFile = shallowRef<File | null>(null)
  const uploaded = ref({ loaded: 0, total: 0 })
  const uploadedKey = ref<string | null>(null)
  const timings = ref<StepTimings>({
    prepareMs: null,
    uploadMs: null,
    detectMs: null,
    totalMs: null,
  })

  let generation = 0
  let chosenAt: number | null = null
  let abort: AbortController | null = null

  const busy = computed(() => ['preparing', 'uploading', 'detecting'].includes(phase.value))
  const canRetry = computed(
    () =>
      phase.value === 'failed' &&
      (photo.value !== null || sourceFile.value !== null) &&
      (error.value?.retryable ?? false),
  )

  function fail(step: PhotoStep, reason: unknown): AppError {
    const failure = asAppError(reason)
    error.value = failure
    failedStep.value = step
    phase.value = 'failed'
    return failure
  }

  async function addFile(file: File) {
    cancelRunning()
    const run = ++generation
    photo.value?.bitmap.close()
    photo.value = null
    uploadedKey.value = null
    error.value = null
    failedStep.value = null
    fileName.value = file.name
    sourceFile.value = file
    timings.value = { prepareMs: null, uploadMs: null, detectMs: null, totalMs: null }
    chosenAt = performance.now()
    useAnalysisStore().clear()
    phase.value = 'preparing'
    const started = performance.now()
    try {
      const prepared = await preparePhoto(file, file.name, useSettingsStore().settings.maxLongSide)
      if (run !== generation) {
        prepared.bitmap.close()
        return
      }
      photo.value = prepared
      sourceFile.value = null
      timings.value.prepareMs = performance.now() - started
    } catch (reason) {
      if (run === generation) {
        chosenAt = null
        fail('prepare', reason)
      }
      return
    }
    await upload(run)
  }

  async function upload(run: number) {
    const prepared = photo.value
    if (!prepared) return
    phase.value = 'uploading'
    error.value = null
    uploaded.value = { loaded: 0, total: prepared.bytes.byteLength }
    const controller = new AbortController()
    abort = controller
    const started = performance.now()
    const sessionStore = useSessionStore()
    try {
      const [aws, session] = await Promise.all([loadAws(), sessionStore.ensureSession()])
      const key = await aws.uploadPhoto(session, {
        bytes: new Uint8Array(prepared.bytes),
        fileName: fileName.value,
        signal: controller.signal,
        onProgress: (progress) => {
          if (run === generation) uploaded.value = progress
        },
      })
      if (run !== generation) return
      uploadedKey.value = key
      timings.value.uploadMs = performance.now() - started
    } catch (reason) {
      if (run !== generation) return
      const failure = fail('upload', controller.signal.aborted ? appError('cancelled') : reason)
      if (failure.code === 'credentials-expired') sessionStore.resetSession()
      return
    } finally {
      if (abort === controller) abort = null
    }
    await detect(run)
  }

  async function detect(run: number) {
    const key = uploadedKey.value
    if (!key) return
    phase.value = 'detecting'
    error.value = null
    const controller = new AbortController()
    abort = controller
    const started = performance.now()
    const sessionStore = useSessionStore()
    const settings = useSettingsStore().settings
    try {
      const [aws, session] = await Promise.all([loadAws(), sessionStore.ensureSession()])
      const result = await aws.detectLabels(session, key, settings, controller.signal)
      if (run !== generation) return
      timings.value.detectMs = performance.now() - started
      useAnalysisStore().load(result, settings.minConfidence)
      if (chosenAt !== null) timings.value.totalMs = performance.now() - chosenAt
      chosenAt = null
      phase.value = 'ready'
    } catch (reason) {
      if (run !== generation) return
      const failure = fail('detect', controller.signal.aborted ? appError('cancelled') : reason)
      if (failure.code === 'credentials-expired') sessionStore.resetSession()
    } finally {
      if (abort === controller) abort = null
    }
  }

  /** Repeats the step that failed, with the photo already prepared. */
  async function retry() {
    if (!photo.value) {
      if (sourceFile.value) await addFile(sourceFile.value)
      return
    }
    chosenAt = null
    const run = ++generation
    const code = error.value?.code
    if (failedStep.value === 'detect' && uploadedKey.value && code !== 'photo-not-found')
      await detect(run)
    else await upload(run)
  }

  /** Runs DetectLabels again on the uploaded photo, e.g. after the settings changed. */
  async function detectAgain() {
    if (!uploadedKey.value || busy.value) return
    chosenAt = null
    await detect(++generation)
  }

  function cancelRunning() {
    abort?.abort()
    abort = null
  }

  /** Stops the upload or detection in progress; the photo stays for a retry. */
  function cancel() {
    if (!abort) return
    const step: PhotoStep = phase.value === 'detecting' ? 'detect' : 'upload'
    generation += 1
    cancelRunning()
    fail(step, appError('cancelled'))
  }

  function clear() {
    cancelRunning()
    generation += 1
    photo.value?.bitmap.close()
    photo.value = null
    sourceFile.value = null
    uploadedKey.value = null
    error.value = null
    failedStep.value = null
    fileName.value = ''
    phase.value = 'empty'
    useAnalysisStore().clear()
  }

  /** A file that cannot be used at all (e.g. a text file dropped), before any step runs. */
  function reject(reason: AppError) {
    cancelRunning()
    generation += 1
    error.value = reason
    failedStep.value = 'prepare'
    phase.value = photo.value ? phase.value : 'failed'
  }

  return {
    phase,
    failedStep,
    error,
    fileName,
    photo,
    uploaded,
    uploadedKey,
    timings,
    busy,
    canRetry,
    addFile,
    retry,
    detectAgain,
    cancel,
    clear,
    reject,
  }
})
