import { describe, expect, it } from 'vitest'
import {
  backendPlans,
  describePlan,
  isSoftwareRenderer,
  type BrowserOffer,
} from '../../../src/lib/detection/backend-choice'

const none: BrowserOffer = {
  webgpu: 'none',
  webgl: 'none',
  wasmSimd: false,
  crossOriginIsolated: false,
}

describe('on-device backend choice', () => {
  it('tries WebGPU, then WebGL, then WASM with SIMD on a phone or laptop with a GPU', () => {
    const plans = backendPlans({ ...none, webgpu: 'hardware', webgl: 'hardware', wasmSimd: true })
    expect(plans.map(describePlan)).toEqual(['webgpu', 'webgl', 'wasm-simd'])
  })

  it('never tries a software GPU: headless Chromium (SwiftShader) gets WASM', () => {
    const plans = backendPlans({ ...none, webgpu: 'software', webgl: 'software', wasmSimd: true })
    expect(plans).toEqual([{ backend: 'wasm', simd: true, threads: false }])
  })

  it('uses WASM threads only when the page is cross-origin isolated (and SIMD is there)', () => {
    expect(backendPlans({ ...none, wasmSimd: true, crossOriginIsolated: true })).toEqual([
      { backend: 'wasm', simd: true, threads: true },
    ])
    expect(backendPlans({ ...none, wasmSimd: false, crossOriginIsolated: true })).toEqual([
      { backend: 'wasm', simd: false, threads: false },
    ])
  })

  it('falls back to plain WASM when nothing else is offered', () => {
    expect(backendPlans(none).map(describePlan)).toEqual(['wasm'])
  })

  it('recognises CPU rasterisers by their renderer string', () => {
    expect(
      isSoftwareRenderer(
        'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)',
      ),
    ).toBe(true)
    expect(isSoftwareRenderer('llvmpipe (LLVM 15.0.6, 256 bits)')).toBe(true)
    expect(
      isSoftwareRenderer('ANGLE (Apple, ANGLE Metal Renderer: Apple M2, Unspecified Version)'),
    ).toBe(false)
    expect(isSoftwareRenderer('Adreno (TM) 740')).toBe(false)
  })
})
