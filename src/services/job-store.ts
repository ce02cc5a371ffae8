// Unfinished photos kept in IndexedDB (through `idb`), so a reload, a closed tab or a trip
// offline loses nothing: each photo is recorded before its work starts and removed once stored
// whole. The record logic is in pending-photos.ts; this is the storage and the cross-tab lock.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb'
import {
  inOrder,
  memoryJobStore,
  mergeSnapshot,
  snapshotJob,
  type JobStore,
  type PendingPhoto,
} from './pending-photos'

const DATABASE = 'image-labels'
const STORE = 'pending-photos'

interface PendingSchema extends DBSchema {
  [STORE]: { key: number; value: PendingPhoto }
}

function indexedDbJobStore(database: IDBPDatabase<PendingSchema>): JobStore {
  return {
    async add(job, origin) {
      // The key is the store's own counter: the order photos were added, across tabs too.
      const record = { origin, job: snapshotJob(job) } as PendingPhoto
      const seq = await database.add(STORE, record)
      return { ...record, seq }
    },
    async save(seq, job) {
      const transaction = database.transaction(STORE, 'readwrite')
      const record = await transaction.store.get(seq)
      if (record) {
        await transaction.store.put({ ...record, job: mergeSnapshot(record.job, snapshotJob(job)) })
      }
      await transaction.done
    },
    get: (seq) => database.get(STORE, seq),
    remove: (seq) => database.delete(STORE, seq),
    list: async () => inOrder(await database.getAll(STORE)),
  }
}

let opened: Promise<JobStore> | null = null

/**
 * Records the photo on screen is working on, in this tab. The queue's resume (at start and when
 * the network returns) leaves them alone: without this, a photo added as the page starts was
 * taken by the queue and the editor reported it as "being finished elsewhere". Tab-wide on
 * purpose, like the records themselves; other tabs are kept off by the record's Web Lock.
 */
const heldHere = new Set<number>()

export function holdHere(seq: number): void {
  heldHere.add(seq)
}

export function releaseHere(seq: number): void {
  heldHere.delete(seq)
}

export function isHeldHere(seq: number): boolean {
  return heldHere.has(seq)
}

/** The one store of unfinished photos; in this page's memory where IndexedDB cannot open. */
export function jobStore(): Promise<JobStore> {
  // Inside a promise: without IndexedDB at all (some private modes, old engines) openDB throws at
  // once rather than rejecting.
  opened ??= Promise.resolve()
    .then(() =>
      openDB<PendingSchema>(DATABASE, 1, {
        upgrade(database) {
          database.createObjectStore(STORE, { keyPath: 'seq', autoIncrement: true })
        },
      }),
    )
    .then(
      (database) => indexedDbJobStore(database),
      () => memoryJobStore(),
    )
  return opened
}

/**
 * Runs `work` while this tab holds the photo's lock, so two open tabs never work on one photo;
 * resolves with `skipped: true` when another tab has it. Locks go with the tab that held them.
 */
export async function whileLocked<T>(
  seq: number,
  work: () => Promise<T>,
): Promise<{ skipped: true } | { skipped: false; value: T }> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks
  if (!locks) return { skipped: false, value: await work() }
  return locks.request(`image-labels:pending-photo:${seq}`, { ifAvailable: true }, async (lock) =>
    lock ? { skipped: false as const, value: await work() } : { skipped: true as const },
  )
}
