import { describe, expect, it } from 'vitest'
import { tagPlacement, tagText } from '../../../src/lib/canvas/tag'

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

describe('tagPlacement', () => {
  const photo = { width: 1000, height: 800 }
  const tag = { width: 80, height: 20 }

  it('sits above the box, its height divided by the zoom', () => {
    // At scale 0.5 a 20 px tag covers 40 photo pixels.
    expect(tagPlacement({ x: 100, y: 200, width: 50, height: 50 }, tag, 0.5, photo)).toEqual({
      x: 100,
      y: 160,
    })
  })

  it('goes inside the box when the box touches the top of the photo', () => {
    expect(tagPlacement({ x: 100, y: 10, width: 50, height: 50 }, tag, 1, photo)).toEqual({
      x: 100,
      y: 10,
    })
  })

  it('shifts left instead of running off the right edge', () => {
    // 80 screen px at scale 2 is 40 photo px: the tag starts at 1000 - 40.
    expect(tagPlacement({ x: 990, y: 300, width: 10, height: 10 }, tag, 2, photo)).toEqual({
      x: 960,
      y: 290,
    })
  })

  it('keeps clear of a handle on the corner, above or inside the box', () => {
    // Clearance 18 px at scale 0.5 is 36 photo px.
    expect(tagPlacement({ x: 100, y: 200, width: 50, height: 50 }, tag, 0.5, photo, 18)).toEqual({
      x: 100,
      y: 124,
    })
    expect(tagPlacement({ x: 100, y: 10, width: 50, height: 50 }, tag, 0.5, photo, 18)).toEqual({
      x: 136,
      y: 46,
    })
  })
})
