import { describe, expect, it } from 'vitest'
import {
  LOCAL_DETECTOR_OBJECT_COUNT,
  localDetectorObjects,
} from '../../../src/lib/detection/known-objects'
import { parseKnownObjects } from '../../../src/lib/known-objects-list'

describe('localDetectorObjects', () => {
  it('lists each of the 80 classes once, by category, in Rekognition’s names', () => {
    const groups = localDetectorObjects()
    const names = groups.flatMap((group) => group.names)
    expect(LOCAL_DETECTOR_OBJECT_COUNT).toBe(80)
    expect(names).toHaveLength(80)
    expect(new Set(names).size).toBe(80)
    expect(names).toEqual(expect.arrayContaining(['Person', 'Cat', 'Mobile Phone', 'TV']))
    expect(names).not.toContain('cell phone')
    const animals = groups.find((group) => group.category === 'Animals and Pets')
    expect(animals?.names).toEqual(expect.arrayContaining(['Cat', 'Dog', 'Zebra']))
    const categories = groups.map((group) => group.category)
    expect(categories).toEqual([...categories].sort((a, b) => a.localeCompare(b)))
  })
})

describe('parseKnownObjects', () => {
  it('reads back the list as served, and refuses anything of another shape', () => {
    const served = JSON.parse(JSON.stringify(localDetectorObjects())) as unknown
    expect(parseKnownObjects(served)).toEqual(localDetectorObjects())
    expect(parseKnownObjects({ category: 'x' })).toBeNull()
    expect(parseKnownObjects([{ category: 'x', names: [3] }])).toBeNull()
    expect(parseKnownObjects([{ names: ['Cat'] }])).toBeNull()
  })
})
