import { describe, expect, it } from 'vitest'
import { COCO_CLASSES } from '../../../src/lib/detection/coco-classes'
import {
  ancestorsOf,
  knownLabelNames,
  labelNameOfClass,
  taxonomyOf,
} from '../../../src/lib/detection/taxonomy'

describe('the COCO → Rekognition taxonomy', () => {
  it('names all 80 COCO classes with distinct, title-case labels', () => {
    expect(COCO_CLASSES).toHaveLength(80)
    const names = COCO_CLASSES.map((_, index) => labelNameOfClass(index))
    expect(new Set(names).size).toBe(80)
    for (const name of names) expect(name).toMatch(/^[A-Z][A-Za-z]*( [A-Z][a-z]*)*$|^TV$/)
  })

  it('describes every label and every ancestor it names', () => {
    for (const name of knownLabelNames()) {
      const entry = taxonomyOf(name)
      expect(entry?.categories.length, name).toBe(1)
      for (const parent of entry?.parents ?? []) expect(taxonomyOf(parent), parent).toBeDefined()
    }
  })

  it('lists all ancestors, transitively, without repeats or cycles', () => {
    for (const name of knownLabelNames()) {
      const ancestors = ancestorsOf(name)
      expect(ancestors, name).not.toContain(name)
      expect(new Set(ancestors).size).toBe(ancestors.length)
      for (const ancestor of ancestors) {
        for (const grandparent of ancestorsOf(ancestor)) expect(ancestors).toContain(grandparent)
      }
    }
  })

  it('follows the examples in Rekognition’s label list', () => {
    expect(taxonomyOf('Person')).toEqual({
      parents: [],
      aliases: ['Human'],
      categories: ['Person Description'],
    })
    const cat = taxonomyOf(labelNameOfClass(COCO_CLASSES.indexOf('cat')))
    expect([...(cat?.parents ?? [])].sort()).toEqual(['Animal', 'Mammal', 'Pet'])
    expect(cat?.categories).toEqual(['Animals and Pets'])
    const car = taxonomyOf(labelNameOfClass(COCO_CLASSES.indexOf('car')))
    expect([...(car?.parents ?? [])].sort()).toEqual(['Transportation', 'Vehicle'])
    expect(car?.categories).toEqual(['Vehicles and Automotive'])
    expect(labelNameOfClass(COCO_CLASSES.indexOf('cell phone'))).toBe('Mobile Phone')
    const phone = taxonomyOf('Mobile Phone')
    expect(phone?.parents).toContain('Phone')
    expect(phone?.aliases).toEqual(['Cell Phone'])
    expect(phone?.categories).toEqual(['Technology and Computing'])
    expect(taxonomyOf('Tie')?.parents).toContain('Accessories')
  })

  it('knows nothing of names outside it', () => {
    expect(taxonomyOf('Rocket')).toBeUndefined()
    expect(() => labelNameOfClass(80)).toThrow(RangeError)
  })
})
