// The photo store's work: running the photo pipeline (services/photo-pipeline.ts) for a new or
// stored photo, opening a stored photo, cancelling and closing. It loads after first paint (the
// workspace chunk, which App.vue's warmUp fetches while the user chooses a photo), so the start
// screen carries only the store's state (stores/photo.ts), which this code changes.
import type { Ref, ShallowRef } from 'vue'
import { appError, asAppError, type AppError } from '../lib/app-errors'
import { isDeviceKey } from '../lib/device-photo-key'
import {
  newJob,
  PipelineFailure,
  runPhotoJob,
  storedPhotoJob,
  type PhotoJob,
  type PipelineDeps,
  type PipelineStep,
} from '../services/photo-pipeline'
import type { PreparedPhoto } from '../workers/prepare-photo-client'
import { useSessionStore } from './session'
import { useSettingsStore } from './settings'
import {
  OPEN_PHOTO_STORAGE_KEY,
  type PhotoPhase,
  type PhotoStep,
  type ShownPhoto,
  type StepTimings,
} from './photo'

/** The photo store's state, which the runner changes. */
export interface PhotoState {
  phase: Ref<PhotoPhase>
  failedStep: Ref<PhotoStep | null>
  error: Ref<AppError | null>
  fileName: Ref<string>
  photo: ShallowRef<ShownPhoto | null>
  replacing: Ref<boolean>
  uploaded: Ref<{ loaded: number; total: number }>
  uploadedKey: Ref<string | null>
  opening: Ref<string | null>
  openError: Ref<AppError | null>
  timings: Ref<StepTimings>
  // Shallow: the job's own fields change inside the pipeline, and the UI reads none of them.
  job: ShallowRef<PhotoJob | null>
  busy: Readonly<Ref<boolean>>
}

export type PhotoRunner = ReturnType<typeof createPhotoRunner>

function rememberOpenPhoto(photoKey: string | null) {
  try {
    // A photo kept on this device is not in storage to reopen from.
    if (photoKey && !isDeviceKey(photoKey)) sessionStorage.setItem(OPEN_PHOTO_STORAGE_KEY, photoKey)
    else sessionStorage.removeItem(OPEN_PHOTO_STORAGE_KEY)
  } catch {
    // Without storage a reload starts at My photos; nothing is lost.
  }
}

/**
 * The stores of an open photo. They load with the workspace after first paint, so the start
 * screen's bundle holds none of the editing code.
 */
async function openPhotoStores() {
  const [{ useAnalysisStore }, { useEditorStore }, { useMyPhotosStore }] = await Promise.all([
    import('./analysis'),
    import('./editor'),
    import('./my-photos'),
  ])
  return { analysis: useAnalysisStore(), editor: useEditorStore(), myPhotos: useMyPhotosStore() }
}

type OpenPhotoStores = Awaited<ReturnType<typeof openPhotoStores>>

const PHASE_OF_STEP: Record<PipelineStep, PhotoPhase> = {
  prepare: 'preparing',
  upload: 'uploading',
  detect: 'detecting',
  save: 'ready',
}

export function createPhotoRunner(state: PhotoState) {
  const {
    phase,
    failedStep,
    error,
    fileName,
    photo,
    replacing,
    uploaded,
    uploadedKey,
    opening,
    openError,
    timings,
    job,
    busy,
  } = state
  /** The job's record in the job store (a new photo's), finished on the next start if cut short. */
  let pendingSeq: number | null = null
  /**
   * A new file's preparation, started as soon as it is chosen: the worker then works while its
   * record is written and the pipeline's code and stores load (about 50 ms of each photo's way).
   */
  let earlyPreparation: {
    file: Blob
    maxMegapixels: number
    result: Promise<PreparedPhoto>
  } | null = null

  /** The early preparation where it is for this file and size, once; else a new one. */
  function prepareChosen(preparePhoto: PipelineDeps['prepare']): PipelineDeps['prepare'] {
    return (file, fileName, maxMegapixels) => {
      const early = earlyPreparation
      earlyPreparation = null
      if (early && early.file === file && early.maxMegapixels === maxMegapixels) return early.result
      return preparePhoto(file, fileName, maxMegapixels)
    }
  }
  let generation = 0
  let abort: AbortController | null = null

  function show(next: ShownPhoto | null) {
    if (photo.value && photo.value !== next) photo.value.bitmap.close()
    photo.value = next
    if (next) replacing.value = false
  }

  /** Runs what is left of the current job; `chosenAt` times a new file's whole way to labels. */
  async function runJob(chosenAt: number | null) {
    const current = job.value
    if (!current) return
    const run = ++generation
    const controller = new AbortController()
    abort = controller
    error.value = null
    failedStep.value = null
    let stepStarted = performance.now()
    let stepName: PipelineStep | null = null
    const settings = useSettingsStore().settings
    const finishStep = () => {
      const elapsed = performance.now() - stepStarted
      if (stepName === 'prepare') timings.value.prepareMs = elapsed
      if (stepName === 'upload') timings.value.uploadMs = elapsed
      if (stepName === 'detect') timings.value.detectMs = elapsed
    }
    const session = useSessionStore()
    const [{ preparePhoto }, { loadDetector }, { jobStore, whileLocked }, stores] =
      await Promise.all([
        import('../workers/prepare-photo-client'),
        import('../services/detector-choice'),
        import('../services/job-store'),
        openPhotoStores(),
      ])
    const seq = pendingSeq
    const pending = seq === null ? null : await jobStore()
    // Holding the record's lock: another tab starting now leaves this photo to this one.
    const locked = <T>(work: () => Promise<T>) =>
      seq === null
        ? work()
        : whileLocked(seq, work).then((outcome) => {
            if (outcome.skipped) throw appError('unknown', 'the photo is being finished elsewhere')
            return outcome.value
          })
    try {
      const door = await session.storageDoor()
      const detector = await loadDetector(useSettingsStore().detectionSource, door)
      const result = await locked(() =>
        runPhotoJob(
          current,
          {
            door,
            detector,
            prepare: prepareChosen(preparePhoto),
            // Labels made on the device are shown even when storage cannot be reached.
            showWhenUnreachable: true,
            save: async (photoKey, document) => {
              if (run !== generation) return
              finishStep()
              if (chosenAt !== null) timings.value.totalMs = performance.now() - chosenAt
              const start = stores.analysis.start(photoKey, document)
              stores.editor.reset(document.settings.minConfidence)
              phase.value = 'ready'
              rememberOpenPhoto(photoKey)
              await start
            },
          },
          {
            settings,
            maxMegapixels: settings.maxMegapixels,
            signal: controller.signal,
            onStep: (step) => {
              if (run !== generation) return
              finishStep()
              stepName = step
              stepStarted = performance.now()
              if (step !== 'save') phase.value = PHASE_OF_STEP[step]
              // The size is known before the first byte goes: the bar says "0 of N KB" at once.
              if (step === 'upload')
                uploaded.value = { loaded: 0, total: current.prepared?.bytes.byteLength ?? 0 }
            },
            onPrepared: (prepared) => {
              if (run === generation) show(prepared)
            },
            onUploadProgress: (progress) => {
              if (run === generation) uploaded.value = progress
            },
            ...(pending && seq !== null ? { persist: (done) => pending.save(seq, done) } : {}),
          },
        ),
      )
      // Stored whole only once the analysis is written; a write still retrying leaves the
      // record, and the next start finds the analysis there (a refused If-None-Match) or writes it.
      // A photo kept on this device because storage was out of reach keeps its record too: it is
      // uploaded when the network returns.
      const keptHere = isDeviceKey(result.photoKey) && door !== null
      if (pending && seq !== null && !keptHere && stores.analysis.save.status === 'saved') {
        await pending.remove(seq)
      }
      if (pendingSeq === seq && seq !== null) {
        pendingSeq = null
        const { releaseHere } = await import('../services/job-store')
        releaseHere(seq)
      }
      if (run !== generation) return
      uploadedKey.value = result.photoKey
      if (!isDeviceKey(result.photoKey))
        stores.myPhotos.showAdded(result.document, result.thumbnail)
    } catch (reason) {
      if (run !== generation) return
      uploadedKey.value = current.photoKey
      const failure = reason instanceof PipelineFailure ? reason : null
      const step = failure?.step === 'save' ? 'detect' : (failure?.step ?? 'prepare')
      error.value = failure ? failure.error : asAppError(reason)
      failedStep.value = step
      phase.value = 'failed'
      // A photo that never showed fails on the start screen, beside the picker.
      replacing.value = false
    } finally {
      if (abort === controller) abort = null
    }
  }

  /** A new photo chosen (at `chosenAt`): prepared, uploaded, labelled and saved. */
  async function addFile(file: File, chosenAt: number) {
    stop()
    const { preparePhoto } = await import('../workers/prepare-photo-client')
    const maxMegapixels = useSettingsStore().settings.maxMegapixels
    const result = preparePhoto(file, file.name, maxMegapixels)
    // A failure is reported by the pipeline's prepare step, which takes this promise over.
    result.catch(() => undefined)
    // One chosen before this one and never taken: its bitmap is let go.
    earlyPreparation?.result.then(
      (unused) => unused.bitmap.close(),
      () => undefined,
    )
    earlyPreparation = { file, maxMegapixels, result }
    const stores = await openPhotoStores()
    replacing.value = photo.value !== null || replacing.value
    show(null)
    stores.analysis.close()
    await forgetPending()
    job.value = newJob(file, file.name)
    // Recorded before any work starts: a reload from here on finishes it on the next start.
    const { jobStore, holdHere } = await import('../services/job-store')
    pendingSeq = (await (await jobStore()).add(job.value, 'single')).seq
    holdHere(pendingSeq)
    uploadedKey.value = null
    fileName.value = file.name
    timings.value = { prepareMs: null, uploadMs: null, detectMs: null, totalMs: null }
    phase.value = 'preparing'
    await runJob(chosenAt)
  }

  /** The photo on screen is replaced: its unfinished record goes with it. */
  async function forgetPending() {
    const seq = pendingSeq
    if (seq === null) return
    pendingSeq = null
    const { jobStore, releaseHere } = await import('../services/job-store')
    releaseHere(seq)
    await (await jobStore()).remove(seq)
  }

  /** Repeats the step that failed; what was done before is kept. */
  async function retry() {
    if (!job.value || busy.value) return
    await runJob(null)
  }

  /** Labels the open photo again, e.g. after the settings changed; its edits are replaced. */
  async function detectAgain() {
    const shown = photo.value
    const key = uploadedKey.value
    if (!shown || !key || busy.value) return
    const { analysis } = await openPhotoStores()
    job.value = storedPhotoJob({
      photoKey: key,
      fileName: fileName.value,
      photo: { bytes: shown.bytes, width: shown.width, height: shown.height, thumbnail: null },
      addedAt: analysis.document?.photo.addedAt ?? new Date().toISOString(),
    })
    phase.value = 'detecting'
    await runJob(null)
  }

  /**
   * Shows a stored photo with its labels and edits exactly as saved. `quiet`: a failure is not
   * shown (reopening after a reload a photo that was deleted meanwhile).
   */
  async function openStored(photoKey: string, { quiet = false } = {}) {
    if (opening.value) return
    opening.value = photoKey
    openError.value = null
    try {
      const door = await useSessionStore().door()
      const [bytes, saved, stores] = await Promise.all([
        door.getPhoto(photoKey),
        door.readAnalysis(photoKey),
        openPhotoStores(),
      ])
      const bitmap = await createImageBitmap(
        new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }),
      )
      closePhoto(stores)
      const document = saved?.document
      show({
        bytes: new Uint8Array(bytes).buffer,
        bitmap,
        width: bitmap.width,
        height: bitmap.height,
        quality: 0,
        sourceWidth: document?.photo.width ?? bitmap.width,
        sourceHeight: document?.photo.height ?? bitmap.height,
        millis: 0,
      })
      uploadedKey.value = photoKey
      fileName.value = document?.photo.originalName || stores.myPhotos.nameOf(photoKey)
      rememberOpenPhoto(photoKey)
      if (!saved || !document) {
        // Uploaded but never labelled (e.g. the tab closed during detection): label it now.
        await detectAgain()
        return
      }
      stores.analysis.open(photoKey, document, saved)
      stores.editor.reset(document.settings.minConfidence)
      phase.value = 'ready'
    } catch (reason) {
      if (quiet) rememberOpenPhoto(null)
      else openError.value = asAppError(reason)
    } finally {
      opening.value = null
    }
  }

  /** Stops whatever runs; its late answers are ignored. */
  function stop() {
    abort?.abort()
    abort = null
    generation += 1
  }

  /** Stops the upload or detection in progress; the photo stays for a retry. */
  function cancel() {
    if (!abort) return
    const step: PhotoStep = phase.value === 'detecting' ? 'detect' : 'upload'
    stop()
    error.value = appError('cancelled')
    failedStep.value = step
    phase.value = 'failed'
  }

  /** Closes the photo; its analysis finishes saving in the background. */
  function closePhoto(stores: OpenPhotoStores) {
    stop()
    show(null)
    replacing.value = false
    job.value = null
    uploadedKey.value = null
    error.value = null
    failedStep.value = null
    fileName.value = ''
    phase.value = 'empty'
    stores.analysis.close()
    rememberOpenPhoto(null)
  }

  /** The stored photo is being deleted: if it is open, close it without saving it back. */
  async function forgetStored(photoKey: string) {
    const stores = await openPhotoStores()
    if (uploadedKey.value !== photoKey && stores.analysis.photoKey !== photoKey) return
    stores.analysis.discard()
    closePhoto(stores)
  }

  return { addFile, retry, detectAgain, openStored, stop, cancel, forgetStored }
}
