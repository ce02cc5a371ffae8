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
