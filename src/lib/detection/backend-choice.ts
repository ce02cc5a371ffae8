// Which TF.js backends to try for on-device detection, in order, from what the browser offers.
// A GPU backend is fastest once its shaders are compiled, but a software GPU (SwiftShader,
// llvmpipe, a fallback WebGPU adapter) takes seconds a photo where WASM takes a fraction of one,
// so a software GPU is never tried. WASM closes every list: it runs wherever WebAssembly does.

/** WebAssembly SIMD feature test: a function using v128 ops (from wasm-feature-detect). */
export const SIMD_TEST = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15,
  253, 98, 11,
])

export type GpuOffer = 'hardware' | 'software' | 'none'

/** What the browser (in the detection worker) offers, as found by probing it. */
export interface BrowserOffer {
  webgpu: GpuOffer
  webgl: GpuOffer
  /** WebAssembly fixed-width SIMD validates. */
  wasmSimd: boolean
  /** `crossOriginIsolated`: SharedArrayBuffer, and so WASM threads, are allowed. */
  crossOriginIsolated: boolean
}

export type BackendPlan =
  | { backend: 'webgpu' }
  | { backend: 'webgl' }
  | { backend: 'wasm'; simd: boolean; threads: boolean }

export function backendPlans(offer: BrowserOffer): BackendPlan[] {
  const plans: BackendPlan[] = []
  if (offer.webgpu === 'hardware') plans.push({ backend: 'webgpu' })
  if (offer.webgl === 'hardware') plans.push({ backend: 'webgl' })
  // TF.js ships the threaded build with SIMD only.
  const threads = offer.crossOriginIsolated && offer.wasmSimd
  plans.push({ backend: 'wasm', simd: offer.wasmSimd, threads })
  return plans
}

/** A WebGL renderer string (WEBGL_debug_renderer_info) that names a CPU rasteriser. */
export function isSoftwareRenderer(renderer: string): boolean {
  return /swiftshader|llvmpipe|softpipe|software|basic render driver/i.test(renderer)
}

/** How the backend is named in the answer's model version and in the bench. */
export function describePlan(plan: BackendPlan): string {
  if (plan.backend !== 'wasm') return plan.backend
  return ['wasm', plan.simd ? 'simd' : null, plan.threads ? 'threads' : null]
    .filter((part) => part !== null)
    .join('-')
}

/** The TF.js wasm binary a WASM plan fetches (the names `setWasmPaths` maps). */
export function wasmFileName(plan: Extract<BackendPlan, { backend: 'wasm' }>): string {
  if (plan.threads) return 'tfjs-backend-wasm-threaded-simd.wasm'
  return plan.simd ? 'tfjs-backend-wasm-simd.wasm' : 'tfjs-backend-wasm.wasm'
}
