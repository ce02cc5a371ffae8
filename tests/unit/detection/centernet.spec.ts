import { describe, expect, it } from 'vitest'
import { decodeCenterNet } from '../../../src/lib/detection/centernet'

describe('decodeCenterNet', () => {
  it('reads [x1, y1, x2, y2, score, class] rows in input pixels', () => {
    const rows = [10, 20, 110, 220, 0.8, 15, 0, 0, 50, 50, 0.3, 0]
    expect(decodeCenterNet(rows, 0.1)).toEqual([
      { classIndex: 15, score: 0.8, box: { x: 10, y: 20, width: 100, height: 200 } },
      { classIndex: 0, score: 0.3, box: { x: 0, y: 0, width: 50, height: 50 } },
    ])
  })

  it('drops rows under the score floor, padding rows and degenerate boxes', () => {
    const rows = [
      ...[0, 0, 10, 10, 0.05, 1],
      ...[0, 0, 10, 10, 0.9, Number.NaN],
      ...[0, 0, 10, 10, 0.9, 80],
      ...[10, 10, 10, 30, 0.9, 2],
      ...[0, 0, 10, 10, 0.9, 2.5],
    ]
    expect(decodeCenterNet(rows, 0.1)).toEqual([])
  })
})
