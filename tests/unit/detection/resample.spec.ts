import { describe, expect, it } from 'vitest'
import { computeLetterbox } from '../../../src/lib/detection/letterbox'
import { letterboxRgb, PAD_VALUE, resizeToRgb } from '../../../src/lib/detection/resample'

function solid(width: number, height: number, rgb: [number, number, number], channels: 3 | 4) {
  const data = new Uint8Array(width * height * channels)
  for (let pixel = 0; pixel < width * height; pixel++) {
    data.set(channels === 4 ? [...rgb, 255] : rgb, pixel * channels)
  }
  return { data, width, height, channels }
}

/** One-pixel black and white columns, RGB. */
function stripes(width: number, height: number) {
  const data = new Uint8Array(width * height * 3)
  for (let x = 0; x < width; x++) {
    for (let y = 0; y < height; y++)
      data.fill(x % 2 === 0 ? 0 : 255, (y * width + x) * 3, (y * width + x) * 3 + 3)
  }
  return { data, width, height, channels: 3 as const }
}

/** Every pixel but the first and the last is near mid-grey (the edges see one colour more). */
function expectMidGreyInside(out: Uint8Array) {
  for (const value of out.subarray(3, out.length - 3))
    expect(Math.abs(value - 127.5)).toBeLessThan(20)
}

describe('the shared letterbox resampler', () => {
  it('keeps a flat colour flat when shrinking and enlarging, from RGB or RGBA', () => {
    for (const channels of [3, 4] as const) {
      const image = solid(37, 23, [200, 100, 50], channels)
      for (const [width, height] of [
        [10, 6],
        [90, 55],
      ] as const) {
        const out = resizeToRgb(image, width, height)
        expect(out.length).toBe(width * height * 3)
        expect(new Set(out)).toEqual(new Set([200, 100, 50]))
      }
    }
  })

  it('averages every source pixel when shrinking (no aliasing on stripes)', () => {
    // One-pixel black and white columns shrunk 4× become mid-grey, not black or white.
    expectMidGreyInside(resizeToRgb(stripes(64, 4), 16, 1))
  })

  it('halves a photo four or more times the target first, still seeing every pixel', () => {
    // Odd sizes: the last row and column are averaged alone, and a flat colour stays flat.
    const flat = resizeToRgb(solid(101, 77, [200, 100, 50], 4), 20, 15)
    expect(new Set(flat)).toEqual(new Set([200, 100, 50]))
    // One-pixel stripes, shrunk 8× across an odd width: mid-grey, as without the halving.
    expectMidGreyInside(resizeToRgb(stripes(129, 16), 16, 1))
  })

  it('places the photo inside the grey padding as the letterbox says', () => {
    const letterbox = computeLetterbox(200, 100, 64)
    const input = letterboxRgb(solid(200, 100, [10, 20, 30], 3), letterbox)
    expect(input.length).toBe(64 * 64 * 3)
    expect(Array.from(input.subarray(0, 3))).toEqual([PAD_VALUE, PAD_VALUE, PAD_VALUE])
    const centre = (32 * 64 + 32) * 3
    expect(Array.from(input.subarray(centre, centre + 3))).toEqual([10, 20, 30])
    const firstPhotoRow = (letterbox.padTop * 64 + 1) * 3
    expect(Array.from(input.subarray(firstPhotoRow, firstPhotoRow + 3))).toEqual([10, 20, 30])
  })
})
