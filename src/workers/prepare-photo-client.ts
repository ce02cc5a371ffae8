// The app's side of the preparation worker: one worker, started on first use.
import { appError, type AppError } from '../lib/app-errors'
import type {
  PreparedPhotoMessage,
  PrepareRequest,
  PrepareResponse,
} from './prepare-photo-protocol'

export type PreparedPhoto = Omit<PreparedPhotoMessage, 'id' | 'ok'>

let worker: Worker | undefined
let nextId = 0
const waiting = new Map<
  number,
  { resolve: (photo: PreparedPhoto) => void; reject: (error: AppError) => void }
>()

function preparationWorker(): Worker {
  if (worker) return worker
  worker = new Worker(new URL('./prepare-photo.worker.ts', import.meta.url), { type: 'module' })
  worker.addEventListener('message', (event: MessageEvent<PrepareResponse>) => {
    const response = event.data
    const pending = waiting.get(response.id)
    if (!pending) return
    waiting.delete(response.id)
    if (response.ok) {
      const { bytes, bitmap, thumbnail, width, height, quality, sourceWidth, sourceHeight } =
        response
      pending.resolve({
        bytes,
        bitmap,
        thumbnail,
        width,
        height,
        quality,
        sourceWidth,
        sourceHeight,
        millis: response.millis,
      })
    } else pending.reject(appError(response.code, response.detail))
  })
  worker.addEventListener('error', (event) => {
    // The worker script itself failed to load or crashed: a new one is made on the next try.
    const detail = event.message || 'the preparation worker stopped'
    for (const pending of waiting.values()) pending.reject(appError('app-load-failed', detail))
    waiting.clear()
    worker?.terminate()
    worker = undefined
  })
  return worker
}

/** Starts the worker ahead of the first photo; it sets its encoder up as it starts. */
export function startPreparationWorker(): void {
  preparationWorker()
}

/** Rejects with an AppError that says why the file cannot be used. */
export function preparePhoto(
  file: Blob,
  fileName: string,
  maxMegapixels: number,
): Promise<PreparedPhoto> {
  nextId += 1
  const request: PrepareRequest = { id: nextId, file, fileName, maxMegapixels }
  return new Promise((resolve, reject) => {
    waiting.set(request.id, { resolve, reject })
    preparationWorker().postMessage(request)
  })
}
