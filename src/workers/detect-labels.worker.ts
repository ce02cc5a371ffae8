// Detection on this device: CenterNet (the local endpoint's model and post-processing, from
// src/lib/detection) on the best TF.js backend this browser offers, off the main thread. The
// model, TF.js and its backends load on the first request, never with the app.
import * as tf from '@tensorflow/tfjs-core'
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter'
import {
  backendPlans,
  describePlan,
  isSoftwareRenderer,
  SIMD_TEST,
  type BackendPlan,
  type BrowserOffer,
  type GpuOffer,
} from '../lib/detection/backend-choice'
import { runCenterNet, warmUpCenterNet } from '../lib/detection/centernet-runner'
import { detectLabelsAnswer, type DetectionPlatform } from '../lib/detection/detect-labels'
import { isGraphModelJson, modelArtifacts, weightLocations } from '../lib/detection/model-assets'
import { DEVICE_MODEL_VERSION } from '../lib/detection/device-model'
import type {
  DetectWorkerRequest,
  DetectWorkerResponse,
  DeviceModelInfo,
} from './detect-labels-protocol'
import { CENTERNET_JSON_URL, CENTERNET_WEIGHT_URLS, WASM_URLS } from './on-device-assets'

interface GpuAdapterLike {
  isFallbackAdapter?: boolean
  info?: { isFallbackAdapter?: boolean }
}
interface GpuLike {
  requestAdapter(): Promise<GpuAdapterLike | null>
}

async function probeWebGpu(): Promise<GpuOffer> {
  const gpu = (navigator as Navigator & { gpu?: GpuLike }).gpu
  if (!gpu) return 'none'
  try {
    const adapter = await gpu.requestAdapter()
    if (!adapter) return 'none'
    return adapter.info?.isFallbackAdapter || adapter.isFallbackAdapter ? 'software' : 'hardware'
  } catch {
    return 'none'
  }
}

function probeWebGl(): GpuOffer {
  try {
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2')
    if (!gl) return 'none'
    const info = gl.getExtension('WEBGL_debug_renderer_info')
    const renderer = info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : ''
    gl.getExtension('WEBGL_lose_context')?.loseContext()
    return isSoftwareRenderer(renderer) ? 'software' : 'hardware'
  } catch {
    return 'none'
  }
}

async function browserOffer(): Promise<BrowserOffer> {
  return {
    webgpu: await probeWebGpu(),
    webgl: probeWebGl(),
    wasmSimd: WebAssembly.validate(SIMD_TEST),
    crossOriginIsolated: self.crossOriginIsolated,
  }
}

/** Starts one backend; false when it is missing or fails to start here. */
async function startBackend(plan: BackendPlan): Promise<boolean> {
  try {
    if (plan.backend === 'webgpu') await import('@tensorflow/tfjs-backend-webgpu')
    else if (plan.backend === 'webgl') await import('@tensorflow/tfjs-backend-webgl')
    else {
      const wasm = await import('@tensorflow/tfjs-backend-wasm')
      tf.env().set('WASM_HAS_SIMD_SUPPORT', plan.simd)
      tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', plan.threads)
      wasm.setWasmPaths(WASM_URLS)
    }
    const started = await tf.setBackend(plan.backend)
    if (started) await tf.ready()
    return started
  } catch {
    return false
  }
}

async function fetchBytes(url: string): Promise<Uint8Array> {
  const response = await fetch(url)
  if (!response.ok) throw new Error(`${url} answered ${response.status}`)
  return new Uint8Array(await response.arrayBuffer())
}

interface LoadedModel extends DeviceModelInfo {
  model: GraphModel
}

async function loadModel(): Promise<LoadedModel> {
  const started = performance.now()
  let chosen: BackendPlan | undefined
  for (const plan of backendPlans(await browserOffer())) {
    if (await startBackend(plan)) {
      chosen = plan
      break
    }
  }
  if (!chosen) throw new Error('no TF.js backend could start in this browser')
  const jsonBytes = await fetchBytes(CENTERNET_JSON_URL)
  const json: unknown = JSON.parse(new TextDecoder().decode(jsonBytes))
  if (!isGraphModelJson(json)) throw new Error('centernet.json is not a TF.js graph model')
  const weightFiles = await Promise.all(
    weightLocations(json, CENTERNET_WEIGHT_URLS).map((url) => fetchBytes(url)),
  )
  const model = await loadGraphModel(tf.io.fromMemory(modelArtifacts(json, weightFiles)))
  await warmUpCenterNet(model)
  return {
    model,
    backend: describePlan(chosen),
    modelBytes: jsonBytes.byteLength + weightFiles.reduce((sum, file) => sum + file.byteLength, 0),
    loadMs: performance.now() - started,
  }
}

let loading: Promise<LoadedModel> | undefined

/** The model, loaded once; a failed load is tried again on the next request. */
function model(): Promise<LoadedModel> {
  loading ??= loadModel().catch((error: unknown) => {
    loading = undefined
    throw error
  })
  return loading
}

function drawingContext(width: number, height: number): OffscreenCanvasRenderingContext2D {
  const context = new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true })
  if (!context) throw new Error('no 2D canvas in this worker')
  context.imageSmoothingEnabled = true
  context.imageSmoothingQuality = 'high'
  return context
}

function platformFor(bitmap: ImageBitmap, loaded: LoadedModel): DetectionPlatform {
  return {
    pixels() {
      const context = drawingContext(bitmap.width, bitmap.height)
      context.drawImage(bitmap, 0, 0)
      const { data, width, height } = context.getImageData(0, 0, bitmap.width, bitmap.height)
      return Promise.resolve({ data, width, height, channels: 4 as const })
    },
    runModel: (rgb) => runCenterNet(loaded.model, rgb),
    analysisPixels(maxSide: number) {
      const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height))
      const width = Math.max(1, Math.round(bitmap.width * scale))
      const height = Math.max(1, Math.round(bitmap.height * scale))
      const context = drawingContext(width, height)
      context.drawImage(bitmap, 0, 0, width, height)
      const data = context.getImageData(0, 0, width, height).data
      return Promise.resolve({ data, width, height, channels: 4 as const })
    },
  }
}

class NotDecodable extends Error {}

async function detect(
  request: Extract<DetectWorkerRequest, { kind: 'detect' }>,
): Promise<DetectWorkerResponse> {
  const loaded = await model()
  const started = performance.now()
  const bitmap = await createImageBitmap(new Blob([request.bytes], { type: 'image/jpeg' })).catch(
    (error: unknown) => {
      throw new NotDecodable(error instanceof Error ? error.message : String(error))
    },
  )
  try {
    const answer = await detectLabelsAnswer(
      bitmap,
      request.params,
      platformFor(bitmap, loaded),
      DEVICE_MODEL_VERSION,
    )
    const { backend, modelBytes, loadMs } = loaded
    return {
      id: request.id,
      ok: true,
      kind: 'detect',
      answer,
      detectMs: performance.now() - started,
      backend,
      modelBytes,
      loadMs,
    }
  } finally {
    bitmap.close()
  }
}

async function handle(request: DetectWorkerRequest): Promise<DetectWorkerResponse> {
  try {
    if (request.kind === 'detect') return await detect(request)
    const { backend, modelBytes, loadMs } = await model()
    return { id: request.id, ok: true, kind: 'load', backend, modelBytes, loadMs }
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error)
    const code = error instanceof NotDecodable ? 'not-decodable' : 'device-detection-failed'
    return { id: request.id, ok: false, code, detail }
  }
}

// One photo at a time: the backend is busy with one anyway, and timings stay per photo.
let queue: Promise<unknown> = Promise.resolve()
self.addEventListener('message', (event: MessageEvent<DetectWorkerRequest>) => {
  const request = event.data
  queue = queue.then(async () => self.postMessage(await handle(request)))
})
