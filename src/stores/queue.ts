// Many photos at once: each is prepared, uploaded, labelled and stored in My photos with its
// own progress, a few at a time. One photo failing never stops the others, and a failed one
// retries from the step that failed. Every photo is recorded (services/job-store.ts) before its
// work starts and forgotten once stored whole, so what a reload or a closed tab cut short, or
// what waited offline, is finished on the next start or when the network returns, once.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { asAppError, type AppError } from '../lib/app-errors'
import { isDeviceKey } from '../lib/device-photo-key'
import { queueProgress, type QueuePhase } from '../lib/queue-progress'
import { runPool } from '../lib/task-pool'
import { isHeldHere, jobStore, whileLocked } from '../services/job-store'
import { restoreJob, type PendingOrigin, type PendingPhoto } from '../services/pending-photos'
import { newJob, PipelineFailure, runPhotoJob, type PhotoJob } from '../services/photo-pipeline'
import { loadDetector } from '../services/detector-choice'
import { preparePhoto } from '../workers/prepare-photo-client'
import { useMyPhotosStore } from './my-photos'
import { useSessionStore } from './session'
import { useSettingsStore } from './settings'

export interface QueueItem {
  /** The photo's record in the job store: its order, and its lock across tabs. */
  id: number
  fileName: string
  phase: QueuePhase
  /** 0–1 over all steps. */
  progress: number
  error: AppError | null
  photoKey: string | null
  labelCount: number
  boxCount: number
  /** Finished from a record left by an earlier page (a reload, a closed tab, offline). */
  resumed: boolean
}

/** Two photos in flight: one uploads while the other is labelled, without starving the page. */
const CONCURRENCY = 2

const PHASE_OF_STEP = {
  prepare: 'preparing',
  upload: 'uploading',
  detect: 'detecting',
  save: 'saving',
} as const satisfies Record<string, QueuePhase>

/** An analysis write refused because one is stored already: an earlier try's, so it is saved. */
const isAlreadySaved = (error: unknown) =>
  error instanceof Error && error.name === 'SaveConflictError'

export const useQueueStore = defineStore('queue', () => {
  const items = ref<QueueItem[]>([])
  // Not reactive: files and prepared photos are large and the UI never reads them.
  const jobs = new Map<number, PhotoJob>()
  /** Records being worked on in this page. */
  const running = new Set<number>()

  const active = computed(() =>
    items.value.some(
      (item) => item.phase !== 'done' && item.phase !== 'failed' && item.phase !== 'offline',
    ),
  )
  const doneCount = computed(() => items.value.filter((item) => item.phase === 'done').length)
  const failedCount = computed(() => items.value.filter((item) => item.phase === 'failed').length)
  const waitingCount = computed(() => items.value.filter((item) => item.phase === 'offline').length)

  function update(id: number, patch: Partial<QueueItem>) {
    items.value = items.value.map((item) => (item.id === id ? { ...item, ...patch } : item))
  }

  function enter(id: number, phase: QueuePhase, uploadedFraction = 0) {
    update(id, { phase, progress: queueProgress(phase, uploadedFraction), error: null })
  }

  function itemFor(record: PendingPhoto, resumed: boolean): QueueItem {
    return {
      id: record.seq,
      fileName: record.job.fileName,
      phase: 'waiting',
      progress: 0,
      error: null,
      photoKey: record.job.photoKey,
      labelCount: 0,
      boxCount: 0,
      resumed,
    }
  }

  async function runJob(id: number, job: PhotoJob) {
    const store = await jobStore()
    const settingsStore = useSettingsStore()
    const settings = settingsStore.settings
    try {
      const door = await useSessionStore().storageDoor()
      const result = await runPhotoJob(
        job,
        {
          door,
          detector: await loadDetector(settingsStore.detectionSource, door),
          prepare: preparePhoto,
          save: async (photoKey, document) => {
            // Without a door (no AWS config) nothing is stored: the photos stay on this device.
            if (!door || isDeviceKey(photoKey)) return
            await door.writeAnalysis(photoKey, document, null).catch((error: unknown) => {
              if (!isAlreadySaved(error)) throw error
            })
          },
        },
        {
          settings,
          maxMegapixels: settings.maxMegapixels,
          onStep: (step) => enter(id, PHASE_OF_STEP[step]),
          // The queue shows no picture; only the bytes travel on.
          onPrepared: (prepared) => prepared.bitmap.close(),
          onUploadProgress: ({ loaded, total }) =>
            enter(id, 'uploading', total > 0 ? loaded / total : 0),
          persist: (done) => store.save(id, done),
        },
      )
      await store.remove(id)
      if (!isDeviceKey(result.photoKey)) {
        useMyPhotosStore().showAdded(result.document, result.thumbnail)
      }
      const { labels, boxes } = result.document.state.analysis
      update(id, {
        phase: 'done',
        progress: 1,
        photoKey: result.photoKey,
        labelCount: labels.length,
        boxCount: boxes.length,
      })
      jobs.delete(id)
    } catch (reason) {
      const failure = reason instanceof PipelineFailure ? reason.error : asAppError(reason)
      // Offline is not a failure: the photo waits, recorded, for the network.
      const phase = failure.code === 'offline' ? 'offline' : 'failed'
      update(id, { phase, error: failure, photoKey: job.photoKey })
      // A photo that can never work (not a photo at all) is not tried again on every start.
      if (!failure.retryable && failure.code !== 'offline') await store.remove(id)
      throw reason
    }
  }

  /** Works on the photo while holding its lock; another tab may have it, or have finished it. */
  async function process(id: number) {
    if (running.has(id)) return
    running.add(id)
    try {
      const outcome = await whileLocked(id, async () => {
        // What is stored is the truth: another tab may have moved the photo on or finished it.
        const record = await (await jobStore()).get(id)
        if (!record) return false
        const job = jobs.get(id) ?? restoreJob(record.job)
        jobs.set(id, job)
        await runJob(id, job)
        return true
      })
      if (outcome.skipped || !outcome.value) {
        // Finished or being finished elsewhere: it is not this page's to show.
        items.value = items.value.filter((item) => item.id !== id)
        jobs.delete(id)
      }
    } finally {
      running.delete(id)
    }
  }

  async function runAll(ids: number[], concurrency: number) {
    await runPool(ids, concurrency, (id) => process(id))
  }

  /** Queues the files and processes them; resolves when every one has finished or failed. */
  async function addFiles(files: readonly File[], origin: PendingOrigin = 'batch') {
    const store = await jobStore()
    const added: QueueItem[] = []
    // Recorded before any work starts, in the order chosen.
    for (const file of files) {
      const job = newJob(file, file.name)
      const record = await store.add(job, origin)
      jobs.set(record.seq, job)
      added.push(itemFor(record, false))
    }
    items.value = [...items.value, ...added]
    await runAll(
      added.map((item) => item.id),
      CONCURRENCY,
    )
  }

  /**
   * Finishes what an earlier page left (a reload, a closed tab) and what waits for the network,
   * oldest first and one at a time, so uploads keep the order the photos were added in.
   */
  async function resumePending() {
    const pending = await (await jobStore()).list()
    const known = new Set(items.value.map((item) => item.id))
    // The photo on screen finishes its own record; the queue takes the rest.
    const fresh = pending.filter((record) => !known.has(record.seq) && !isHeldHere(record.seq))
    items.value = [...items.value, ...fresh.map((record) => itemFor(record, true))]
    const waiting = items.value
      .filter((item) => item.phase === 'waiting' || item.phase === 'offline')
      .map((item) => item.id)
    for (const id of waiting) enter(id, 'waiting')
    await runAll(waiting, 1)
  }

  /** Runs a failed photo again from the step that failed. */
  async function retry(id: number) {
    const item = items.value.find((entry) => entry.id === id)
    if (item?.phase !== 'failed' && item?.phase !== 'offline') return
    await process(id).catch(() => undefined)
  }

  /** Forgets finished photos (they stay in My photos) and failed ones (kept for the next start). */
  function clearFinished() {
    for (const item of items.value) {
      if (item.phase !== 'done' && item.phase !== 'failed') continue
      jobs.delete(item.id)
    }
    items.value = items.value.filter((item) => item.phase !== 'done' && item.phase !== 'failed')
  }

  return {
    items,
    active,
    doneCount,
    failedCount,
    waitingCount,
    addFiles,
    resumePending,
    retry,
    clearFinished,
  }
})
