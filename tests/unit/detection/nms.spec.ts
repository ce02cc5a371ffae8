import { describe, expect, it } from 'vitest'
import { classAwareNms, intersectionOverUnion } from '../../../src/lib/detection/nms'
import type { RawDetection } from '../../../src/lib/detection/types'

const detection = (classIndex: number, score: number, x: number, y = 0): RawDetection => ({
  classIndex,
  score,
  box: { x, y, width: 100, height: 100 },
})

describe('intersectionOverUnion', () => {
  it('is 1 for the same box, 0 for disjoint boxes and 1/3 for half-shifted boxes', () => {
    const box = { x: 0, y: 0, width: 10, height: 10 }
    expect(intersectionOverUnion(box, box)).toBe(1)
    expect(intersectionOverUnion(box, { x: 20, y: 0, width: 10, height: 10 })).toBe(0)
    expect(intersectionOverUnion(box, { x: 5, y: 0, width: 10, height: 10 })).toBeCloseTo(1 / 3)
  })
})

describe('classAwareNms', () => {
  it('keeps the best of overlapping boxes of one class', () => {
    const kept = classAwareNms([detection(0, 0.5, 10), detection(0, 0.9, 0)], 0.5)
    expect(kept).toEqual([detection(0, 0.9, 0)])
  })

  it('keeps overlapping boxes of different classes', () => {
    const kept = classAwareNms([detection(0, 0.9, 0), detection(27, 0.4, 5)], 0.5)
    expect(kept.map((kept) => kept.classIndex)).toEqual([0, 27])
  })

  it('keeps boxes of one class that overlap less than the threshold', () => {
    // Shifted by 60 of 100: IoU = 40 / 160 = 0.25.
    const kept = classAwareNms([detection(2, 0.8, 0), detection(2, 0.7, 60)], 0.5)
    expect(kept).toHaveLength(2)
  })

  it('returns boxes best first and stops at the maximum count', () => {
    const all = [detection(1, 0.2, 0), detection(1, 0.6, 500), detection(1, 0.4, 1000)]
    expect(classAwareNms(all, 0.5).map((kept) => kept.score)).toEqual([0.6, 0.4, 0.2])
    expect(classAwareNms(all, 0.5, 2)).toHaveLength(2)
  })
})
