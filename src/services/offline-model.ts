// "Download for offline use": puts the on-device detector's files into the service worker's
// model cache ahead of the first photo, so labelling on the device works with no network.
// The page writes the cache itself (the same cache and URLs the worker's CacheFirst route
// serves), so this works before the service worker controls the page too. Loaded only when
// Settings opens.
import { backendPlans, SIMD_TEST, wasmFileName } from '../lib/detection/backend-choice'
import { modelFiles, type ModelFile } from '../lib/detection/offline-model'
import { MODEL_CACHE } from '../lib/web-app-manifest'
import { CENTERNET_JSON_URL, CENTERNET_WEIGHT_URLS, WASM_URLS } from '../workers/on-device-assets'

/**
 * The model and the wasm binary the worker falls back to here: with a GPU the worker never
 * fetches it, but a GPU that fails to start offline would otherwise leave no backend.
 */
export function offlineModelFiles(): ModelFile[] {
  const wasmPlan = backendPlans({
    webgpu: 'none',
    webgl: 'none',
    wasmSimd: WebAssembly.validate(SIMD_TEST),
    crossOriginIsolated: self.crossOriginIsolated,
  }).find((plan) => plan.backend === 'wasm')
  const wasmName = wasmPlan ? wasmFileName(wasmPlan) : 'tfjs-backend-wasm.wasm'
  const wasmUrls: Record<string, string> = WASM_URLS
  return modelFiles({
    'centernet.json': CENTERNET_JSON_URL,
    ...CENTERNET_WEIGHT_URLS,
    [wasmName]: wasmUrls[wasmName] ?? '',
  })
}

/** True when every file is in the model cache (false where the browser has no Cache API). */
export async function isCachedForOffline(files: readonly ModelFile[]): Promise<boolean> {
  if (!('caches' in self)) return false
  const cache = await caches.open(MODEL_CACHE)
  const found = await Promise.all(files.map((file) => cache.match(file.url)))
  return found.every((response) => response !== undefined)
}

/** Fetches one file, reporting its bytes as they arrive, and stores it in the model cache. */
async function cacheFile(
  cache: Cache,
  file: ModelFile,
  onBytes: (received: number) => void,
  signal?: AbortSignal,
): Promise<void> {
  if (await cache.match(file.url)) {
    onBytes(file.bytes)
    return
  }
  const response = await fetch(file.url, signal ? { signal } : {})
  if (!response.ok || !response.body) throw new Error(`${file.url} answered ${response.status}`)
  const chunks: Uint8Array<ArrayBuffer>[] = []
  let received = 0
  const reader = response.body.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    chunks.push(value)
    received += value.byteLength
    onBytes(received)
  }
  // The served type is kept (the wasm backend compiles by streaming, which needs it); the body
  // is stored as decoded, so no transfer encoding or length goes with it.
  const headers = new Headers(response.headers)
  headers.delete('content-encoding')
  headers.delete('content-length')
  await cache.put(file.url, new Response(new Blob(chunks), { status: response.status, headers }))
}

/** Caches every file; `onProgress` gets each file's bytes so far, in the files' order. */
export async function downloadForOffline(
  files: readonly ModelFile[],
  onProgress: (received: readonly number[]) => void,
  signal?: AbortSignal,
): Promise<void> {
  const cache = await caches.open(MODEL_CACHE)
  const received = files.map(() => 0)
  await Promise.all(
    files.map((file, index) =>
      cacheFile(
        cache,
        file,
        (bytes) => {
          received[index] = bytes
          onProgress([...received])
        },
        signal,
      ),
    ),
  )
}
