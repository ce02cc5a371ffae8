import { describe, expect, it } from 'vitest'
import { runPool } from '../../../src/lib/task-pool'

const tick = () => new Promise((resolve) => setTimeout(resolve, 1))

describe('runPool', () => {
  it('runs at most `concurrency` at once and keeps going past a failure', async () => {
    let running = 0
    let peak = 0
    const started: number[] = []
    const results = await runPool([1, 2, 3, 4, 5], 2, async (item) => {
      started.push(item)
      running += 1
      peak = Math.max(peak, running)
      await tick()
      running -= 1
      if (item === 2) throw new Error('photo 2 is broken')
      return item * 10
    })
    expect(peak).toBe(2)
    expect(started).toEqual([1, 2, 3, 4, 5])
    expect(results.map((result) => result.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
      'fulfilled',
    ])
    expect(results[4]).toEqual({ status: 'fulfilled', value: 50 })
    expect(results[1]?.status === 'rejected' && String(results[1].reason)).toContain('broken')
  })

  it('handles an empty list and refuses a concurrency below one', async () => {
    expect(await runPool([], 3, () => Promise.resolve(1))).toEqual([])
    await expect(runPool([1], 0, () => Promise.resolve(1))).rejects.toThrow(RangeError)
  })
})
