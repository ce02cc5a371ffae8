import { describe, expect, it } from 'vitest'
import {
  contrastRatio,
  labelColor,
  labelHue,
  relativeLuminance,
  tagTextColor,
  translucent,
} from '../../../src/lib/canvas/colors'

function hueDistance(a: number, b: number): number {
  const difference = Math.abs(a - b) % 360
  return Math.min(difference, 360 - difference)
}

describe('labelColor', () => {
  it('gives the same colour for the same label, whatever its case or padding', () => {
    expect(labelColor('Cat')).toBe(labelColor('Cat'))
    expect(labelColor(' cat ')).toBe(labelColor('Cat'))
    expect(labelColor('Cat')).toMatch(/^#[0-9a-f]{6}$/)
  })

  it('keeps the labels Rekognition boxes most often at least 30° apart', () => {
    const labels = ['Person', 'Car', 'Wheel', 'Dog', 'Cat', 'Bird', 'Bicycle', 'Chair', 'Bottle']
    const hues = labels.map(labelHue)
    for (const [index, hue] of hues.entries()) {
      for (const other of hues.slice(index + 1)) {
        expect(hueDistance(hue, other)).toBeGreaterThanOrEqual(30)
      }
    }
    expect(new Set(labels.map(labelColor)).size).toBe(labels.length)
  })

  it('spreads other labels over all 24 hues, none equal to a common label hue', () => {
    const hues = Array.from({ length: 500 }, (_, index) => labelHue(`label ${index}`))
    expect(new Set(hues).size).toBe(24)
    for (const hue of hues) expect(hue % 15).toBe(7.5)
  })

  it('stays bright and saturated enough to stand out on dark photos', () => {
    for (const label of ['Person', 'Tree', 'Sky', 'Boat', 'Building']) {
      expect(contrastRatio(labelColor(label), '#000000')).toBeGreaterThan(3)
    }
  })
})

describe('contrast', () => {
  it('computes WCAG luminance and ratios at the extremes', () => {
    expect(relativeLuminance('#ffffff')).toBeCloseTo(1, 12)
    expect(relativeLuminance('#000000')).toBe(0)
    expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 9)
  })

  it('picks black text on yellow and white text on dark blue', () => {
    expect(tagTextColor('#ffd400')).toBe('#000000')
    expect(tagTextColor('#1a237e')).toBe('#ffffff')
  })

  it('gives every label colour tag text with at least 4.5:1 contrast', () => {
    for (const label of ['Cat', 'Dog', 'Person', 'Car', 'Tree', 'Sky', 'Cup', 'Phone']) {
      const background = labelColor(label)
      expect(contrastRatio(background, tagTextColor(background))).toBeGreaterThanOrEqual(4.5)
    }
  })

  it('makes a faint fill from a hex colour and a neutral one otherwise', () => {
    expect(translucent('#12ab34')).toBe('#12ab3414')
    expect(translucent('red')).toMatch(/^rgba\(/)
  })
})
