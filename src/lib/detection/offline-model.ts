// What "Download for offline use" fetches and how far it has got: the model's JSON and weights
// and the one TF.js wasm binary this browser would run, their sizes known before any byte
// arrives (the files are pinned package files; tests/unit/detection/offline-model.spec.ts checks
// each size against node_modules), and progress counted in bytes.

/** Bytes of each file the on-device detector may fetch, under the names its worker uses. */
export const MODEL_FILE_BYTES: Readonly<Record<string, number>> = {
  'centernet.json': 201_673,
  'centernet.bin': 4_030_290,
  'tfjs-backend-wasm.wasm': 311_123,
  'tfjs-backend-wasm-simd.wasm': 424_594,
  'tfjs-backend-wasm-threaded-simd.wasm': 435_643,
}

export interface ModelFile {
  url: string
  bytes: number
}

/** The files to fetch, each with its size; throws for a name whose size is not known. */
export function modelFiles(urls: Readonly<Record<string, string>>): ModelFile[] {
  return Object.entries(urls).map(([name, url]) => {
    const bytes = MODEL_FILE_BYTES[name]
    if (bytes === undefined) throw new Error(`No known size for the model file ${name}`)
    return { url, bytes }
  })
}

export function totalBytes(files: readonly ModelFile[]): number {
  return files.reduce((sum, file) => sum + file.bytes, 0)
}

/** Bytes received so far, never past the total the bar was drawn for. */
export function downloadedBytes(received: readonly number[], total: number): number {
  return Math.min(
    total,
    received.reduce((sum, bytes) => sum + bytes, 0),
  )
}

/** "4.2 MB": decimal megabytes, one decimal, as phones show storage. */
export function formatMegabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`
}
