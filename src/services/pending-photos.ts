// Photos whose work is not finished, as kept across reloads: what a PhotoJob has done, copied
// into plain data a store can keep (no bitmaps), in the order the photos were added. The
// in-memory store here is the fallback where IndexedDB is missing; job-store.ts keeps the same
// records in IndexedDB.
import type { JobPhoto, PhotoJob } from './photo-pipeline'

export type PendingOrigin = 'single' | 'batch' | 'shared'

/** A PhotoJob as data: everything needed to go on from the last step done. */
export type JobSnapshot = Omit<PhotoJob, 'prepared'> & { prepared: JobPhoto | null }

export interface PendingPhoto {
  /** Increases with every photo added: the order to finish them in. */
  seq: number
  origin: PendingOrigin
  job: JobSnapshot
}

export interface JobStore {
  /** Records a photo before any work on it starts; resolves with its record. */
  add(job: PhotoJob, origin: PendingOrigin): Promise<PendingPhoto>
  /** Keeps the steps the job has done so far. */
  save(seq: number, job: PhotoJob): Promise<void>
  get(seq: number): Promise<PendingPhoto | undefined>
  /** The photo is stored whole (photo, thumbnail, analysis): nothing is left to do. */
  remove(seq: number): Promise<void>
  /** Every unfinished photo, oldest first. */
  list(): Promise<PendingPhoto[]>
}

/** The job's state as data; the prepared photo loses its bitmap and keeps only bytes and size. */
export function snapshotJob(job: PhotoJob): JobSnapshot {
  const prepared = job.prepared
  return {
    file: job.file,
    fileName: job.fileName,
    photoId: job.photoId,
    prepared: prepared
      ? {
          bytes: prepared.bytes,
          width: prepared.width,
          height: prepared.height,
          thumbnail: prepared.thumbnail,
        }
      : null,
    photoKey: job.photoKey,
    detection: job.detection,
    addedAt: job.addedAt,
    thumbnailTried: job.thumbnailTried,
    storedThumbnail: job.storedThumbnail,
  }
}

/**
 * What to keep when a job reports progress. Done steps never come undone: a later report
 * without the prepared photo, the detection or the date keeps the earlier one, and the photo's
 * id never changes, so every try writes the same object. The key alone may go (the photo was
 * gone from storage); it comes back under the same id.
 */
export function mergeSnapshot(previous: JobSnapshot, next: JobSnapshot): JobSnapshot {
  if (previous.photoId !== next.photoId) {
    throw new Error(`photo id changed from ${previous.photoId} to ${next.photoId}`)
  }
  return {
    ...next,
    file: next.file ?? previous.file,
    prepared: next.prepared ?? previous.prepared,
    detection: next.detection ?? previous.detection,
    addedAt: next.addedAt ?? previous.addedAt,
    thumbnailTried: next.thumbnailTried || previous.thumbnailTried,
    storedThumbnail: next.storedThumbnail ?? previous.storedThumbnail,
  }
}

/** A job to run again from its record. */
export function restoreJob(snapshot: JobSnapshot): PhotoJob {
  return { ...snapshot }
}

/** Oldest first; records from any store, in any order. */
export function inOrder(pending: readonly PendingPhoto[]): PendingPhoto[] {
  return [...pending].sort((a, b) => a.seq - b.seq)
}

/** Keeps the records in this page only (no IndexedDB: private windows of some browsers). */
export function memoryJobStore(): JobStore {
  const records = new Map<number, PendingPhoto>()
  let lastSeq = 0
  return {
    add(job, origin) {
      lastSeq += 1
      const record = { seq: lastSeq, origin, job: snapshotJob(job) }
      records.set(record.seq, record)
      return Promise.resolve(record)
    },
    save(seq, job) {
      const record = records.get(seq)
      if (record) records.set(seq, { ...record, job: mergeSnapshot(record.job, snapshotJob(job)) })
      return Promise.resolve()
    },
    get: (seq) => Promise.resolve(records.get(seq)),
    remove(seq) {
      records.delete(seq)
      return Promise.resolve()
    },
    list: () => Promise.resolve(inOrder([...records.values()])),
  }
}
