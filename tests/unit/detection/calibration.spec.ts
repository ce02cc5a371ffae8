import { describe, expect, it } from 'vitest'
import { CALIBRATION_KNOTS, calibrateScore } from '../../../src/lib/detection/calibration'
import { DEFAULT_MIN_CONFIDENCE } from '../../../src/lib/detection/params'

describe('calibrateScore', () => {
  it('is strictly increasing over the whole score range', () => {
    let previous = calibrateScore(0)
    for (let step = 1; step <= 1000; step++) {
      const confidence = calibrateScore(step / 1000)
      expect(confidence).toBeGreaterThan(previous)
      previous = confidence
    }
  })

  it('stays within 0–100', () => {
    expect(calibrateScore(0)).toBe(0)
    expect(calibrateScore(-1)).toBe(0)
    expect(calibrateScore(Number.NaN)).toBe(0)
    expect(calibrateScore(1)).toBeLessThanOrEqual(100)
    expect(calibrateScore(2)).toBe(calibrateScore(1))
  })

  it('passes through its knots, with the separating raw score on the default MinConfidence', () => {
    for (const [score, confidence] of CALIBRATION_KNOTS) {
      expect(calibrateScore(score)).toBeCloseTo(confidence, 9)
    }
    expect(calibrateScore(0.3)).toBeCloseTo(DEFAULT_MIN_CONFIDENCE, 9)
    expect(calibrateScore(0.29)).toBeLessThan(DEFAULT_MIN_CONFIDENCE)
  })
})
