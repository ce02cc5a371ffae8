// Many photos at once: each is prepared, uploaded, labelled and stored in My photos with its
// own progress, a few at a time. One photo failing never stops the others, and a failed one
// retries from the step that failed.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { asAppError, type AppError } from '../lib/app-errors'
import { queueProgress, type QueuePhase } from '../lib/queue-progress'
import { runPool } from '../lib/task-pool'
import { newJob, PipelineFailure, runPhotoJob, type PhotoJob } from '../services/photo-pipeline'
import { rekognitionDetector } from '../services/rekognition-detector'
import { preparePhoto } from '../workers/prepare-photo-client'
import { useMyPhotosStore } from './my-photos'
import { useSessionStore } from './session'
import { useSettingsStore } from './settings'

export interface QueueItem {
  id: number
  fileName: string
  phase: QueuePhase
  /** 0–1 over all steps. */
  progress: number
  error: AppError | null
  photoKey: string | null
  labelCount: number
  boxCount: number
}

/** Two photos in flight: one uploads while the other is labelled, without starving the page. */
const CONCURRENCY = 2

const PHASE_OF_STEP = {
  prepare: 'preparing',
  upload: 'uploading',
  detect: 'detecting',
  save: 'saving',
} as const satisfies Record<string, QueuePhase>

export const useQueueStore = defineStore('queue', () => {
  const items = ref<QueueItem[]>([])
  // Not reactive: files and prepared photos are large and the UI never reads them.
  const jobs = new Map<number, PhotoJob>()
  let nextId = 0

  const active = computed(() =>
    items.value.some((item) => item.phase !== 'done' && item.phase !== 'failed'),
  )
  const doneCount = computed(() => items.value.filter((item) => item.phase === 'done').length)
  const failedCount = computed(() => items.value.filter((item) => item.phase === 'failed').length)

  function update(id: number, patch: Partial<QueueItem>) {
    items.value = items.value.map((item) => (item.id === id ? { ...item, ...patch } : item))
  }

  function enter(id: number, phase: QueuePhase, uploadedFraction = 0) {
    update(id, { phase, progress: queueProgress(phase, uploadedFraction), error: null })
  }

  async function process(id: number) {
    const job = jobs.get(id)
    if (!job) return
    const settings = useSettingsStore().settings
    const door = useSessionStore().door()
    try {
      const result = await runPhotoJob(
        job,
        {
          door,
          detector: rekognitionDetector(door),
          prepare: preparePhoto,
          save: async (photoKey, document) => {
            await door.writeAnalysis(photoKey, document, null)
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
        },
      )
      useMyPhotosStore().showAdded(result.document, result.thumbnail)
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
      update(id, { phase: 'failed', error: failure, photoKey: job.photoKey })
      throw reason
    }
  }

  /** Queues the files and processes them; resolves when every one has finished or failed. */
  async function addFiles(files: readonly File[]) {
    const added = files.map((file) => {
      nextId += 1
      jobs.set(nextId, newJob(file, file.name))
      return {
        id: nextId,
        fileName: file.name,
        phase: 'waiting' as const,
        progress: 0,
        error: null,
        photoKey: null,
        labelCount: 0,
        boxCount: 0,
      }
    })
    items.value = [...items.value, ...added]
    await runPool(added, CONCURRENCY, (item) => process(item.id))
  }

  /** Runs a failed photo again from the step that failed. */
  async function retry(id: number) {
    const item = items.value.find((entry) => entry.id === id)
    if (item?.phase !== 'failed' || !jobs.has(id)) return
    await process(id).catch(() => undefined)
  }

  /** Forgets finished photos (they stay in My photos) and failed ones. */
  function clearFinished() {
    for (const item of items.value) {
      if (item.phase !== 'done' && item.phase !== 'failed') continue
      jobs.delete(item.id)
    }
    items.value = items.value.filter((item) => item.phase !== 'done' && item.phase !== 'failed')
  }

  return { items, active, doneCount, failedCount, addFiles, retry, clearFinished }
})
