// The photo on screen: the file chosen or the stored photo opened, where it is in the photo
// pipeline (services/photo-pipeline.ts), what failed and how long each step took. A labelled
// photo's analysis is handed to stores/analysis.ts, which owns it from then on.
// The work itself (stores/photo-runner.ts) loads on first use, after first paint: the start
// screen needs only this state.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { AppError } from '../lib/app-errors'
import { isDeviceKey } from '../lib/device-photo-key'
import type { PipelineStep, PhotoJob } from '../services/photo-pipeline'
import type { PreparedPhoto } from '../workers/prepare-photo-client'
import type { PhotoRunner } from './photo-runner'

export type PhotoPhase = 'empty' | 'preparing' | 'uploading' | 'detecting' | 'ready' | 'failed'
export type PhotoStep = Exclude<PipelineStep, 'save'>

/** The photo as drawn: a prepared photo, or a stored one read back (it has no thumbnail). */
export type ShownPhoto = Omit<PreparedPhoto, 'thumbnail'>

export interface StepTimings {
  prepareMs: number | null
  uploadMs: number | null
  detectMs: number | null
  /** From the photo chosen to the labels in the store, when every step ran in one go. */
  totalMs: number | null
}

/** This tab's open photo, so a reload brings it back (per tab, like the page itself). */
export const OPEN_PHOTO_STORAGE_KEY = 'image-labels:open-photo'

function rememberedOpenPhoto(): string | null {
  try {
    return sessionStorage.getItem(OPEN_PHOTO_STORAGE_KEY)
  } catch {
    return null
  }
}

export const usePhotoStore = defineStore('photo', () => {
  // The photo's state as the UI reads it and the runner (photo-runner.ts) changes it: handed to
  // the runner and returned, in one list.
  const shown = {
    phase: ref<PhotoPhase>('empty'),
    failedStep: ref<PhotoStep | null>(null),
    error: ref<AppError | null>(null),
    fileName: ref(''),
    photo: shallowRef<ShownPhoto | null>(null),
    /**
     * A photo chosen while another was on screen, not drawn yet: the workspace stays for it (the
     * start screen does not flash up for the moment it is prepared), and so does the editor.
     */
    replacing: ref(false),
    uploaded: ref({ loaded: 0, total: 0 }),
    uploadedKey: ref<string | null>(null),
    /** The stored photo being opened from My photos, if any. */
    opening: ref<string | null>(null),
    openError: ref<AppError | null>(null),
    timings: ref<StepTimings>({ prepareMs: null, uploadMs: null, detectMs: null, totalMs: null }),
  }
  const { phase, failedStep, error, photo, uploadedKey, openError } = shown
  // Shallow: the job's own fields change inside the pipeline, and the UI reads none of them.
  const job = shallowRef<PhotoJob | null>(null)

  /** The open photo was labelled here and is not in storage (no config, or not reachable). */
  const keptOnDevice = computed(() => uploadedKey.value !== null && isDeviceKey(uploadedKey.value))

  const busy = computed(() => ['preparing', 'uploading', 'detecting'].includes(phase.value))
  const canRetry = computed(
    () => phase.value === 'failed' && job.value !== null && (error.value?.retryable ?? false),
  )

  // Nothing runs before the runner is loaded, so what only stops a run can skip loading it.
  let runner: PhotoRunner | null = null
  let loadingRunner: Promise<PhotoRunner> | null = null
  function loadRunner(): Promise<PhotoRunner> {
    loadingRunner ??= import('./photo-runner').then(
      ({ createPhotoRunner }) => (runner = createPhotoRunner({ ...shown, job, busy })),
      (reason: unknown) => {
        // A chunk that failed to load (offline) may load on the next try.
        loadingRunner = null
        throw reason
      },
    )
    return loadingRunner
  }

  /** A new photo chosen: prepared, uploaded, labelled and saved. */
  async function addFile(file: File) {
    const chosenAt = performance.now()
    runner?.stop()
    await (await loadRunner()).addFile(file, chosenAt)
  }

  /** Repeats the step that failed; what was done before is kept. */
  async function retry() {
    await (await loadRunner()).retry()
  }

  /** Labels the open photo again, e.g. after the settings changed; its edits are replaced. */
  async function detectAgain() {
    await (await loadRunner()).detectAgain()
  }

  /**
   * Shows a stored photo with its labels and edits exactly as saved. `quiet`: a failure is not
   * shown (reopening after a reload a photo that was deleted meanwhile).
   */
  async function openStored(photoKey: string, options: { quiet?: boolean } = {}) {
    await (await loadRunner()).openStored(photoKey, options)
  }

  /** After a reload: the photo this tab had open, if any. */
  async function reopenRemembered() {
    const remembered = rememberedOpenPhoto()
    if (remembered && !photo.value) await openStored(remembered, { quiet: true })
  }

  /**
   * Starts the preparation worker while the user is still choosing a photo: a fresh worker's
   * start and its encoder's setup (about 100 ms) then leave the first photo's way.
   */
  async function warmUp() {
    const { startPreparationWorker } = await import('../workers/prepare-photo-client')
    startPreparationWorker()
  }

  function dismissOpenError() {
    openError.value = null
  }

  /** Stops the upload or detection in progress; the photo stays for a retry. */
  function cancel() {
    runner?.cancel()
  }

  /** The stored photo is being deleted: if it is open, close it without saving it back. */
  async function forgetStored(photoKey: string) {
    await (await loadRunner()).forgetStored(photoKey)
  }

  /** A file that cannot be used at all (e.g. a text file dropped), before any step runs. */
  function reject(reason: AppError) {
    runner?.stop()
    error.value = reason
    failedStep.value = 'prepare'
    phase.value = photo.value ? phase.value : 'failed'
  }

  return {
    ...shown,
    keptOnDevice,
    busy,
    canRetry,
    addFile,
    retry,
    detectAgain,
    openStored,
    reopenRemembered,
    dismissOpenError,
    warmUp,
    cancel,
    forgetStored,
    reject,
  }
})
