import { describe, expect, it } from 'vitest'
import { classList, exportBoxes, uniqueFileNames } from '../../../src/lib/export'
import { formulaPhoto, streetPhoto, TRICKY_LABEL } from './fixtures'

describe('exportBoxes', () => {
  it('keeps visible boxes with area, clamped to the image', () => {
    const entries = exportBoxes(streetPhoto())
    expect(entries.map((entry) => entry.source.id)).toEqual(['dog', 'car', 'person', 'toy'])
    const person = entries.find((entry) => entry.source.id === 'person')
    expect(person?.box.left).toBe(0)
    expect(person?.box.width).toBeCloseTo(0.2, 12)
    expect(person?.pixels.height).toBeCloseTo(192, 9)
  })

  it('marks boxes that reach an image edge, and only those', () => {
    const atEdge = exportBoxes(streetPhoto()).map((entry) => [entry.source.id, entry.atEdge])
    expect(atEdge).toEqual([
      ['dog', false],
      ['car', true],
      ['person', true],
      ['toy', false],
    ])
  })

  it('drops detected boxes under the threshold but keeps user boxes, which have no score', () => {
    const ids = exportBoxes({ ...streetPhoto(), threshold: 90 }).map((entry) => entry.source.id)
    expect(ids).toEqual(['dog', 'person', 'toy'])
  })

  it('hides a box whose label has a hidden parent', () => {
    const photo = streetPhoto()
    photo.state.hiddenLabels = ['Tree', 'Animal']
    expect(exportBoxes(photo).map((entry) => entry.source.id)).toEqual(['car', 'person', 'toy'])
  })

  it('hides the boxes of a hidden category, and a user box under "Other"', () => {
    const photo = streetPhoto()
    photo.state.hiddenCategories = ['Other']
    // No fixture label has a category, so every label is grouped under "Other".
    expect(exportBoxes(photo)).toEqual([])
  })
})

describe('classList', () => {
  it('is sorted and the same whatever the photo order', () => {
    const expected = ['Car', 'Dog', 'Person', TRICKY_LABEL]
    expect(classList([streetPhoto(), formulaPhoto()])).toEqual(expected)
    expect(classList([formulaPhoto(), streetPhoto()])).toEqual(expected)
  })

  it('keeps a known list first so indices survive a later export', () => {
    expect(classList([formulaPhoto()], ['Zebra', 'Car'])).toEqual(['Zebra', 'Car'])
    expect(classList([streetPhoto()], ['Zebra'])).toEqual([
      'Zebra',
      'Car',
      'Dog',
      'Person',
      TRICKY_LABEL,
    ])
  })
})

describe('uniqueFileNames', () => {
  it('renames photos that share a name or a name without extension', () => {
    const photo = (fileName: string) => ({ ...formulaPhoto(), fileName })
    const names = uniqueFileNames([photo('IMG_1.jpg'), photo('img_1.JPG'), photo('IMG_1.png')])
    expect(names).toEqual(['IMG_1.jpg', 'img_1-2.JPG', 'IMG_1-3.png'])
  })

  it('strips folders, leading dots and reserved characters so no entry escapes the zip', () => {
    const photo = (fileName: string) => ({ ...formulaPhoto(), fileName })
    expect(uniqueFileNames([photo('../../etc/passwd'), photo('a:b?.jpg'), photo('..')])).toEqual([
      'passwd',
      'a_b_.jpg',
      'photo',
    ])
  })
})
