// Without IndexedDB (Node here; some private browsing modes), the queue's store still works, in
// the page's memory, instead of failing the app's start.
import { describe, expect, it } from 'vitest'
import { jobStore } from '../../../src/services/job-store'
import { newJob } from '../../../src/services/photo-pipeline'

describe('job store without IndexedDB', () => {
  it('falls back to memory: records are added, listed in order and removed', async () => {
    expect(typeof indexedDB).toBe('undefined')
    const store = await jobStore()
    const first = await store.add(newJob(new Blob(['a']), 'a.jpg'), 'single')
    const second = await store.add(newJob(new Blob(['b']), 'b.jpg'), 'batch')
    expect((await store.list()).map((record) => record.job.fileName)).toEqual(['a.jpg', 'b.jpg'])
    await store.remove(first.seq)
    expect((await store.list()).map((record) => record.seq)).toEqual([second.seq])
  })
})

describe('the photo on screen keeps its own record', () => {
  it('the queue resumes records, but not one the photo on screen is still working on', async () => {
    const { createPinia, setActivePinia } = await import('pinia')
    const { holdHere, releaseHere } = await import('../../../src/services/job-store')
    const { useQueueStore } = await import('../../../src/stores/queue')
    setActivePinia(createPinia())
    const store = await jobStore()
    for (const record of await store.list()) await store.remove(record.seq)
    const mine = await store.add(newJob(new Blob(['a']), 'mine.jpg'), 'single')
    holdHere(mine.seq)
    const queue = useQueueStore()
    await queue.resumePending()
    expect(queue.items.map((item) => item.fileName)).toEqual([])
    releaseHere(mine.seq)
    // Released (the photo is done with it, or waits for the network): the queue takes it.
    await queue.resumePending().catch(() => undefined)
    expect(queue.items.map((item) => item.fileName)).toEqual(['mine.jpg'])
  })
})
