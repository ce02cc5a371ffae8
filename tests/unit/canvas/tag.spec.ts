import { describe, expect, it } from 'vitest'
import { tagText, tagTexts } from '../../../src/lib/canvas/tag'

describe('tagText', () => {
  it('shows the label and whole-percent confidence of a detection', () => {
    expect(tagText('Cat', 97.4, false)).toBe('Cat 97 %')
    expect(tagText('Dog', 88.5, false)).toBe('Dog 89 %')
  })

  it('shows only the label for a drawn box, and marks edited boxes', () => {
    expect(tagText('Mug', null, false)).toBe('Mug')
    expect(tagText('Cat', 97.4, true)).toBe('Cat 97 % · edited')
  })

  it('never shows an empty tag', () => {
    expect(tagText('  ', null, false)).toBe('Unlabelled')
  })
})

describe('tagTexts', () => {
  it('offers shorter texts down to the confidence alone', () => {
    expect(tagTexts('Person', 92.3, false)).toEqual(['Person 92 %', '92 %'])
    expect(tagTexts('Person', 92.3, true)).toEqual(['Person 92 % · edited', 'Person 92 %', '92 %'])
  })

  it('keeps the label of a drawn box, which has no confidence to fall back on', () => {
    expect(tagTexts('Mug', null, false)).toEqual(['Mug'])
    expect(tagTexts('Mug', null, true)).toEqual(['Mug · edited', 'Mug'])
  })
})
