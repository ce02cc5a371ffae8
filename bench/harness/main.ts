// The bench harness page: the app's own worker client, canvas editor and AWS layer, built by
// Vite as the app is, so that each can be timed on its own in Chromium.
import { measureRedraw } from '../../src/components/canvas/redraw-benchmark.ts'
import {
  createAwsSession,
  detectLabels,
  uploadPhoto,
  type AwsSession,
} from '../../src/aws/index.ts'
import { toLabelAnalysis } from '../../src/lib/detect-labels-answer.ts'
import { DEFAULT_SETTINGS } from '../../src/lib/detection-settings.ts'
import type { RuntimeConfig } from '../../src/lib/runtime-config.ts'
import { detectOnDevice } from '../../src/workers/detect-labels-client.ts'
import { preparePhoto, startPreparationWorker } from '../../src/workers/prepare-photo-client.ts'
import type { HarnessApi, LongTasks } from './api.ts'

const longTaskEntries: PerformanceEntry[] = []
new PerformanceObserver((list) => longTaskEntries.push(...list.getEntries())).observe({
  type: 'longtask',
  buffered: true,
})

/** Long tasks reach the observer a little after they end: wait, then read the span. */
async function longTasksBetween(start: number, end: number): Promise<LongTasks> {
  await new Promise((resolve) => setTimeout(resolve, 150))
  const overlapping = longTaskEntries.filter(
    (entry) => entry.startTime < end && entry.startTime + entry.duration > start,
  )
  return {
    longestMs: Math.max(0, ...overlapping.map((entry) => entry.duration)),
    count: overlapping.length,
  }
}

async function fetchPhoto(photoUrl: string): Promise<File> {
  const response = await fetch(photoUrl)
  if (!response.ok) throw new Error(`${photoUrl}: HTTP ${response.status}`)
  const blob = await response.blob()
  return new File([blob], 'phone-photo.jpg', { type: 'image/jpeg', lastModified: Date.now() })
}

let session: AwsSession | undefined

async function awsSession(config: RuntimeConfig): Promise<AwsSession> {
  if (session && session.config.endpoint === config.endpoint) return session
  const fresh = await createAwsSession(config)
  session = fresh
  return fresh
}

const api: HarnessApi = {
  async detectOnDevice(photoUrl, runs) {
    const file = await fetchPhoto(photoUrl)
    const prepared = await preparePhoto(file, file.name, DEFAULT_SETTINGS.maxMegapixels)
    prepared.bitmap.close()
    const jpeg = new Uint8Array(prepared.bytes)
    const params = { MaxLabels: 50, MinConfidence: 55, Features: ['GENERAL_LABELS'] }
    const firstStart = performance.now()
    const first = await detectOnDevice(jpeg, params)
    const firstUseMs = performance.now() - firstStart
    const detectMs: number[] = []
    for (let run = 0; run < runs; run += 1) {
      const start = performance.now()
      await detectOnDevice(jpeg, params)
      detectMs.push(performance.now() - start)
    }
    return {
      firstUseMs,
      detectMs,
      backend: first.backend,
      modelBytes: first.modelBytes,
      labelCount: first.answer.Labels?.length ?? 0,
      width: prepared.width,
      height: prepared.height,
    }
  },

  async prepare(photoUrl) {
    const file = await fetchPhoto(photoUrl)
    const start = performance.now()
    const prepared = await preparePhoto(file, file.name, DEFAULT_SETTINGS.maxMegapixels)
    const end = performance.now()
    prepared.bitmap.close()
    return {
      totalMs: end - start,
      workerMs: prepared.millis,
      longTasks: await longTasksBetween(start, end),
      outputBytes: prepared.bytes.byteLength,
      width: prepared.width,
      height: prepared.height,
      quality: prepared.quality,
    }
  },

  startWorker() {
    startPreparationWorker()
  },

  async redraw(boxCount, rounds) {
    const container = document.createElement('div')
    container.style.width = `${window.innerWidth}px`
    container.style.height = `${window.innerHeight}px`
    document.body.append(container)
    try {
      return await measureRedraw({ container, boxCount, rounds })
    } finally {
      container.remove()
    }
  },

  async uploadAndDetect(photoUrl, config, path) {
    const file = await fetchPhoto(photoUrl)
    const aws = await awsSession(config)
    const start = performance.now()
    let bytes: Uint8Array
    if (path === 'prepared') {
      const prepared = await preparePhoto(file, file.name, DEFAULT_SETTINGS.maxMegapixels)
      prepared.bitmap.close()
      bytes = new Uint8Array(prepared.bytes)
    } else {
      bytes = new Uint8Array(await file.arrayBuffer())
    }
    const prepared = performance.now()
    const key = await uploadPhoto(aws, { bytes, fileName: file.name })
    const uploaded = performance.now()
    const analysis = toLabelAnalysis(await detectLabels(aws, key, DEFAULT_SETTINGS), () => 'box')
    const end = performance.now()
    return {
      prepareMs: prepared - start,
      uploadMs: uploaded - prepared,
      detectMs: end - uploaded,
      totalMs: end - start,
      uploadedBytes: bytes.byteLength,
      labelCount: analysis.labels.length,
      boxCount: analysis.boxes.length,
      longTasks: await longTasksBetween(start, end),
    }
  },
}

window.imageLabelsBench = api
document.body.dataset.ready = 'true'
