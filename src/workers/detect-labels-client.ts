// The app's side of the on-device detection worker: one worker, started on first use. The
// worker (TF.js, the model) is a separate bundle the browser fetches only then.
import { appError, type AppError } from '../lib/app-errors'
import type { WireDetectLabelsAnswer } from '../lib/detection/detect-labels'
import type { DetectLabelsParams } from '../lib/detection/params'
import type {
  DetectWorkerRequest,
  DetectWorkerResponse,
  DeviceModelInfo,
} from './detect-labels-protocol'

export interface DeviceAnswer extends DeviceModelInfo {
  answer: WireDetectLabelsAnswer
  detectMs: number
}

type Success = Extract<DetectWorkerResponse, { ok: true }>

let worker: Worker | undefined
let nextId = 0
const waiting = new Map<
  number,
  { resolve: (response: Success) => void; reject: (error: AppError) => void }
>()

function detectionWorker(): Worker {
  if (worker) return worker
  worker = new Worker(new URL('./detect-labels.worker.ts', import.meta.url), { type: 'module' })
  worker.addEventListener('message', (event: MessageEvent<DetectWorkerResponse>) => {
    const response = event.data
    const pending = waiting.get(response.id)
    if (!pending) return
    waiting.delete(response.id)
    if (response.ok) pending.resolve(response)
    else pending.reject(appError(response.code, response.detail))
  })
  worker.addEventListener('error', (event) => {
    // The worker script failed to load or crashed: a new one is made on the next try.
    const detail = event.message || 'the detection worker stopped'
    for (const pending of waiting.values()) pending.reject(appError('app-load-failed', detail))
    waiting.clear()
    worker?.terminate()
    worker = undefined
  })
  return worker
}

function ask(request: DetectWorkerRequest, transfer: Transferable[] = []): Promise<Success> {
  return new Promise((resolve, reject) => {
    waiting.set(request.id, { resolve, reject })
    detectionWorker().postMessage(request, { transfer })
  })
}

/** Loads the model (and picks the backend) ahead of the first photo. */
export async function loadDeviceModel(): Promise<DeviceModelInfo> {
  nextId += 1
  const { backend, modelBytes, loadMs } = await ask({ id: nextId, kind: 'load' })
  return { backend, modelBytes, loadMs }
}

/**
 * Labels a prepared JPEG on this device. Aborting rejects at once with `cancelled`; the worker
 * finishes the photo it is on and drops the answer.
 */
export function detectOnDevice(
  jpeg: Uint8Array,
  params: DetectLabelsParams,
  signal?: AbortSignal,
): Promise<DeviceAnswer> {
  if (signal?.aborted) return Promise.reject(appError('cancelled'))
  nextId += 1
  const id = nextId
  // A copy is transferred: the caller keeps its bytes (to upload them, or for a retry).
  const bytes = jpeg.slice().buffer
  const answer = ask({ id, kind: 'detect', bytes, params }, [bytes]).then((response) => {
    if (response.kind !== 'detect') throw appError('device-detection-failed', 'wrong answer kind')
    const { answer: labels, detectMs, backend, modelBytes, loadMs } = response
    return { answer: labels, detectMs, backend, modelBytes, loadMs }
  })
  if (!signal) return answer
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      waiting.delete(id)
      reject(appError('cancelled'))
    }
    signal.addEventListener('abort', onAbort, { once: true })
    answer.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
  })
}
