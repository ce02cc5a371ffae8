import { describe, expect, it } from 'vitest'
import { queueProgress, type QueuePhase } from '../../../src/lib/queue-progress'

describe('queue progress', () => {
  it('only moves forward through the steps', () => {
    const phases: QueuePhase[] = [
      'waiting',
      'preparing',
      'uploading',
      'detecting',
      'saving',
      'done',
    ]
    const values = phases.map((phase) => queueProgress(phase))
    expect(values[0]).toBe(0)
    expect(values.at(-1)).toBe(1)
    for (let index = 1; index < values.length; index += 1) {
      expect(values[index]).toBeGreaterThan(values[index - 1]!)
    }
  })

  it('spreads the upload between its start and detection, clamping odd fractions', () => {
    expect(queueProgress('uploading', 0)).toBe(0.15)
    expect(queueProgress('uploading', 0.5)).toBeCloseTo(0.45, 10)
    expect(queueProgress('uploading', 1)).toBe(queueProgress('detecting'))
    expect(queueProgress('uploading', 7)).toBe(queueProgress('detecting'))
    expect(queueProgress('uploading', Number.NaN)).toBe(0.15)
    expect(queueProgress('failed')).toBe(0)
  })
})
