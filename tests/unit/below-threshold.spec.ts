import { describe, expect, it } from 'vitest'
import type { DetectedLabel, LabelBox } from '../../src/lib/analysis'
import { labelsBelowThreshold } from '../../src/lib/below-threshold'

describe('labelsBelowThreshold', () => {
  const label = (name: string, confidence: number): DetectedLabel => ({
    name,
    confidence,
    parents: [],
    aliases: [],
    categories: [],
  })
  const box = (name: string, confidence: number): LabelBox => ({
    id: `${name}-${confidence}`,
    label: name,
    confidence,
    box: { left: 0, top: 0, width: 0.5, height: 0.5 },
    source: 'detected',
    edited: false,
    dominantColors: [],
  })

  it('counts objects and scene labels under the threshold and the threshold that shows them', () => {
    const labels = [
      label('Person', 92.3),
      label('Clock', 61.7),
      label('Dog', 58.2),
      label('Outdoors', 64.9),
    ]
    const boxes = [box('Person', 91), box('Clock', 45), box('Clock', 60.4), box('Dog', 75)]
    const below = labelsBelowThreshold(labels, boxes, 70)
    // Clock's best box is 60.4 %, Dog's label 58.2 %: 58 shows both, each with a box.
    expect(below.objects).toEqual({ count: 2, thresholdToShow: 58 })
    expect(labelsBelowThreshold(labels, boxes, 59).objects).toEqual({
      count: 1,
      thresholdToShow: 58,
    })
    expect(labelsBelowThreshold(labels, boxes, 92).objects).toEqual({
      count: 3,
      thresholdToShow: 58,
    })
    expect(below.scene).toEqual({ count: 1, thresholdToShow: 64 })
  })

  it('says nothing is hidden when every label passes', () => {
    const below = labelsBelowThreshold([label('Person', 92.3)], [box('Person', 90)], 55)
    expect(below.objects).toEqual({ count: 0, thresholdToShow: null })
    expect(below.scene.count).toBe(0)
  })
})
