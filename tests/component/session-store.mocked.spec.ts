// The session store's identity bookkeeping, with the AWS layer mocked (no endpoint involved).
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import type { SessionOptions } from '../../src/aws'
import { useSessionStore } from '../../src/stores/session'

const created: { identityId: string; options: SessionOptions }[] = []
let nextIdentity = 'us-east-1:first'
let failWith: Error | null = null

vi.mock('../../src/aws', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/aws')>()
  return {
    ...original,
    createAwsSession: vi.fn((_config: unknown, options: SessionOptions) => {
      if (failWith) return Promise.reject(failWith)
      const session = { identityId: nextIdentity, destroy: vi.fn() }
      created.push({ identityId: nextIdentity, options })
      return Promise.resolve(session)
    }),
    listMyPhotos: vi.fn(() => Promise.resolve([])),
  }
})

/** Any call through the door starts the session first. */
const callAws = async (store: ReturnType<typeof useSessionStore>) =>
  (await store.door()).listPhotos()

const config = {
  region: 'us-east-1',
  identityPoolId: 'us-east-1:00000000-0000-4000-8000-000000000000',
  imagesBucket: 'image-labels-images',
}

function readyStore() {
  const store = useSessionStore()
  store.config = config
  store.status = 'ready'
  return store
}

describe('session store and its AWS door (mocked AWS layer)', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    localStorage.clear()
    created.length = 0
    nextIdentity = 'us-east-1:first'
    failWith = null
  })

  it('starts one session and reuses it', async () => {
    const store = readyStore()
    await Promise.all([callAws(store), callAws(store)])
    expect(await store.door()).toBe(await store.door())
    expect(created).toHaveLength(1)
    expect(store.identityId).toBe('us-east-1:first')
    expect(store.identityNotice).toBeNull()
  })

  it('tells the user when this browser got another identity than on an earlier visit', async () => {
    await callAws(readyStore())
    setActivePinia(createPinia())
    nextIdentity = 'us-east-1:second'
    const store = readyStore()
    await callAws(store)
    expect(store.identityNotice).toContain('can no longer be reached')
    store.dismissIdentityNotice()
    expect(store.identityNotice).toBeNull()
  })

  it('tells the user when the identity changes during the visit, and starts a new session', async () => {
    const store = readyStore()
    await callAws(store)
    created[0]?.options.onIdentityChange?.('us-east-1:first', 'us-east-1:second')
    expect(store.identityNotice).toContain('new guest identity')
    expect(store.identityId).toBe('us-east-1:second')
    nextIdentity = 'us-east-1:second'
    await callAws(store)
    expect(created).toHaveLength(2)
  })

  it('turns a failure to get credentials into a message with what to do', async () => {
    failWith = Object.assign(new TypeError('Failed to fetch'), { name: 'TypeError' })
    const store = readyStore()
    await expect(callAws(store)).rejects.toMatchObject({ code: 'endpoint-down' })
    failWith = null
    await expect(callAws(store)).resolves.toEqual([])
    expect(store.identityId).toBe('us-east-1:first')
  })
})
