import { describe, expect, it } from 'vitest'
import {
  computeLetterbox,
  inputToNormalized,
  inputToSource,
  sourceToInput,
} from '../../../src/lib/detection/letterbox'

describe('computeLetterbox', () => {
  it('fits a landscape photo to the input width and centres it vertically', () => {
    const letterbox = computeLetterbox(640, 427, 512)
    expect(letterbox.resizedWidth).toBe(512)
    expect(letterbox.resizedHeight).toBe(342)
    expect(letterbox.padLeft).toBe(0)
    expect(letterbox.padTop).toBe(85)
  })

  it('fits a portrait photo to the input height and centres it horizontally', () => {
    const letterbox = computeLetterbox(512, 600, 512)
    expect(letterbox.resizedHeight).toBe(512)
    expect(letterbox.resizedWidth).toBe(437)
    expect(letterbox.padTop).toBe(0)
    expect(letterbox.padLeft).toBe(37)
  })

  it('scales small photos up to the input size', () => {
    const letterbox = computeLetterbox(100, 80, 512)
    expect(letterbox.resizedWidth).toBe(512)
    expect(letterbox.resizedHeight).toBe(410)
  })

  it('rejects empty sizes', () => {
    expect(() => computeLetterbox(0, 10, 512)).toThrow(RangeError)
  })
})

describe('mapping boxes through the letterbox', () => {
  const shapes: [number, number][] = [
    [640, 427],
    [512, 600],
    [80, 10_000],
    [10_000, 80],
    [451, 300],
  ]

  it.each(shapes)('round-trips a box on a %i×%i photo', (width, height) => {
    const letterbox = computeLetterbox(width, height, 512)
    const box = { x: width * 0.1, y: height * 0.2, width: width * 0.5, height: height * 0.3 }
    const back = inputToSource(sourceToInput(box, letterbox), letterbox)
    expect(back.x).toBeCloseTo(box.x, 6)
    expect(back.y).toBeCloseTo(box.y, 6)
    expect(back.width).toBeCloseTo(box.width, 6)
    expect(back.height).toBeCloseTo(box.height, 6)
  })

  it('normalises to fractions of the photo', () => {
    const letterbox = computeLetterbox(640, 427, 512)
    const input = sourceToInput({ x: 64, y: 42.7, width: 320, height: 213.5 }, letterbox)
    const box = inputToNormalized(input, letterbox)
    expect(box.left).toBeCloseTo(0.1, 6)
    expect(box.top).toBeCloseTo(0.1, 6)
    expect(box.width).toBeCloseTo(0.5, 6)
    expect(box.height).toBeCloseTo(0.5, 6)
  })

  it('clamps a box that runs into the padding to the photo', () => {
    const letterbox = computeLetterbox(640, 427, 512)
    // From the top padding band to below the photo, and past the right edge.
    const box = inputToNormalized({ x: 400, y: 10, width: 200, height: 500 }, letterbox)
    expect(box.top).toBe(0)
    expect(box.height).toBe(1)
    expect(box.left).toBeCloseTo(400 / 512, 6)
    expect(box.left + box.width).toBe(1)
  })
})
