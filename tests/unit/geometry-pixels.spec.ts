import { describe, expect, it } from 'vitest'
import { toNormalizedBox, toPixelBox } from '../../src/lib/geometry'

describe('normalised ↔ pixel boxes', () => {
  it('turns fractions into pixels of the given image', () => {
    expect(toPixelBox({ left: 0.25, top: 0.5, width: 0.5, height: 0.25 }, 1920, 1440)).toEqual({
      x: 480,
      y: 720,
      width: 960,
      height: 360,
    })
  })
  it('round-trips', () => {
    const box = { left: 0.123, top: 0.456, width: 0.3, height: 0.2 }
    const back = toNormalizedBox(toPixelBox(box, 1440, 1920), 1440, 1920)
    expect(back.left).toBeCloseTo(box.left, 10)
    expect(back.top).toBeCloseTo(box.top, 10)
    expect(back.width).toBeCloseTo(box.width, 10)
    expect(back.height).toBeCloseTo(box.height, 10)
  })
  it('clamps a pixel box that leaves the image', () => {
    const box = toNormalizedBox({ x: -100, y: 50, width: 300, height: 2000 }, 1000, 1000)
    expect(box.left).toBe(0)
    expect(box.top).toBeCloseTo(0.05, 10)
    expect(box.width).toBeCloseTo(0.2, 10)
    expect(box.height).toBeCloseTo(0.95, 10)
  })
  it('gives an empty box for an image without size', () => {
    expect(toNormalizedBox({ x: 1, y: 1, width: 1, height: 1 }, 0, 10).width).toBe(0)
  })
})
