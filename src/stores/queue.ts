// Many photos at once: each is prepared, uploaded, labelled and stored in the library with its
// own progress, a few at a time. One photo failing never stops the others, and a failed one
// retries from the step that failed.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { LabelAnalysis } from '../lib/analysis'
import { appError, isAppError, type AppError } from '../lib/app-errors'
import { queueProgress, type QueuePhase } from '../lib/queue-progress'
import { runPool } from '../lib/task-pool'
import { preparePhoto, type PreparedPhoto } from '../workers/prepare-photo-client'
import { useLibraryStore } from './library'
import { loadAws, useSessionStore } from './session'
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

interface Work {
  file: File
  prepared: PreparedPhoto | null
  photoKey: string | null
  analysis: LabelAnalysis | null
}

function asAppError(error: unknown): AppError {
  return isAppError(error) ? error : appError('unknown', String(error))
}

export const useQueueStore = defineStore('queue', () => {
  const items = ref<QueueItem[]>([])
  // Not reactive: files and bitmaps are large and the UI never reads them.
  const work = new Map<number, Work>()
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
    const job = work.get(id)
    if (!job) return
    const settings = { ...useSettingsStore().settings }
    const sessionStore = useSessionStore()
    try {
      if (!job.prepared) {
        enter(id, 'preparing')
        job.prepared = await preparePhoto(job.file, job.file.name, settings.maxLongSide)
      }
      const prepared = job.prepared
      const [aws, session] = await Promise.all([loadAws(), sessionStore.ensureSession()])
      if (!job.photoKey) {
        enter(id, 'uploading')
        job.photoKey = await aws.uploadPhoto(session, {
          bytes: new Uint8Array(prepared.bytes),
          fileName: job.file.name,
          onProgress: ({ loaded, total }) => enter(id, 'uploading', total > 0 ? loaded / total : 0),
        })
        update(id, { photoKey: job.photoKey })
      }
      if (!job.analysis) {
        enter(id, 'detecting')
        job.analysis = await aws.detectLabels(session, job.photoKey, settings)
      }
      enter(id, 'saving')
      await useLibraryStore().addAnalysed({
        photoKey: job.photoKey,
        image: prepared.bitmap,
        width: prepared.width,
        height: prepared.height,
        fileName: job.file.name,
        settings,
        analysis: job.analysis,
      })
      update(id, {
        phase: 'done',
        progress: 1,
        labelCount: job.analysis.labels.length,
        boxCount: job.analysis.boxes.length,
      })
      prepared.bitmap.close()
      work.delete(id)
    } catch (reason) {
      const failure = asAppError(reason)
      if (failure.code === 'credentials-expired') sessionStore.resetSession()
      // A photo gone from the bucket must be uploaded again.
      if (failure.code === 'photo-not-found') job.photoKey = null
      update(id, { phase: 'failed', error: failure })
      throw failure
    }
  }

  /** Queues the files and processes them; resolves when every one has finished or failed. */
  async function addFiles(files: readonly File[]) {
    const added = files.map((file) => {
      nextId += 1
      work.set(nextId, { file, prepared: null, photoKey: null, analysis: null })
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
    if (item?.phase !== 'failed' || !work.has(id)) return
    await process(id).catch(() => undefined)
  }

  /** Forgets finished photos (they stay in the library) and failed ones. */
  function clearFinished() {
    for (const item of items.value) {
      if (item.phase !== 'done' && item.phase !== 'failed') continue
      work.get(item.id)?.prepared?.bitmap.close()
      work.delete(item.id)
    }
    items.value = items.value.filter((item) => item.phase !== 'done' && item.phase !== 'failed')
  }

  return { items, active, doneCount, failedCount, addFiles, retry, clearFinished }
})
