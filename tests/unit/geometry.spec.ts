import { describe, expect, it } from 'vitest'
import { clampNormalizedBox } from '../../src/lib/geometry'

describe('clampNormalizedBox', () => {
  it('leaves a box inside the image unchanged', () => {
    expect(clampNormalizedBox({ left: 0.1, top: 0.2, width: 0.3, height: 0.4 })).toEqual({
      left: 0.1,
      top: 0.2,
      width: 0.3,
      height: 0.4,
    })
  })

  it('cuts a box that starts before the left and top edges', () => {
    const box = clampNormalizedBox({ left: -0.1, top: -0.25, width: 0.5, height: 0.5 })
    expect(box.left).toBe(0)
    expect(box.top).toBe(0)
    expect(box.width).toBeCloseTo(0.4)
    expect(box.height).toBeCloseTo(0.25)
  })

  it('cuts a box that runs past the right and bottom edges', () => {
    const box = clampNormalizedBox({ left: 0.8, top: 0.9, width: 0.5, height: 0.3 })
    expect(box.left).toBeCloseTo(0.8)
    expect(box.width).toBeCloseTo(0.2)
    expect(box.top).toBeCloseTo(0.9)
    expect(box.height).toBeCloseTo(0.1)
  })

  it('gives a zero-sized box for one entirely outside the image', () => {
    const box = clampNormalizedBox({ left: 1.2, top: 0.5, width: 0.3, height: 0.2 })
    expect(box.width).toBe(0)
    expect(box.left).toBe(1)
  })

  it('treats NaN coordinates as 0 rather than spreading NaN', () => {
    const box = clampNormalizedBox({ left: Number.NaN, top: 0, width: 0.5, height: 0.5 })
    expect(Number.isNaN(box.left)).toBe(false)
  })
})
