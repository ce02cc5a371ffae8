// Raw CenterNet scores sit well below Rekognition's confidences: on photos a person can check,
// correct objects score 0.33–0.79 and false ones at most 0.28 (see local-aws/detector/README.md).
// Passing `score × 100` through would hide most real objects at the default MinConfidence of 55,
// so scores go through this monotonic piecewise-linear map, fitted on those photos: the
// separating raw score 0.30 lands exactly on 55.

/** [raw score, confidence] knots, both strictly increasing. */
export const CALIBRATION_KNOTS: readonly (readonly [number, number])[] = [
  [0, 0],
  [0.15, 30],
  [0.3, 55],
  [0.5, 82],
  [0.75, 96],
  [1, 99.9],
]

/** Raw model score (0–1) → Rekognition-like confidence (0–100). Strictly increasing. */
export function calibrateScore(score: number): number {
  if (!(score > 0)) return 0
  const last = CALIBRATION_KNOTS[CALIBRATION_KNOTS.length - 1] ?? [1, 100]
  if (score >= last[0]) return last[1]
  for (let index = 1; index < CALIBRATION_KNOTS.length; index++) {
    const [x1, y1] = CALIBRATION_KNOTS[index] ?? last
    const [x0, y0] = CALIBRATION_KNOTS[index - 1] ?? [0, 0]
    if (score <= x1) return y0 + ((score - x0) / (x1 - x0)) * (y1 - y0)
  }
  return last[1]
}
