// The persistent queue's order and idempotence, with S3 and the detector replaced by small
// in-memory stand-ins that honour conditional writes as S3 does. A "reload" is a persist that
// throws: the page dies with the job store holding what was kept until then, and the next start
// runs each record again. Whatever the moment, every photo ends stored once, under one key.
import { describe, expect, it } from 'vitest'
import type { DetectionSettings } from '../../../src/lib/analysis'
import { appError } from '../../../src/lib/app-errors'
import type { DetectLabelsAnswer } from '../../../src/lib/detect-labels-answer'
import { isDeviceKey } from '../../../src/lib/device-photo-key'
import type { Detector } from '../../../src/services/detector'
import {
  inOrder,
  memoryJobStore,
  mergeSnapshot,
  restoreJob,
  snapshotJob,
  type JobStore,
} from '../../../src/services/pending-photos'
import {
  newJob,
  runPhotoJob,
  type PhotoJob,
  type PipelineDeps,
} from '../../../src/services/photo-pipeline'
import type { PreparedPhoto } from '../../../src/workers/prepare-photo-client'

const settings: DetectionSettings = {
  maxLabels: 10,
  minConfidence: 50,
  imageProperties: false,
  includeCategories: [],
  excludeCategories: [],
}
const answer: DetectLabelsAnswer = { Labels: [], LabelModelVersion: 'test' }

class Reload extends Error {}

/** Storage as S3 keeps it: every PUT counted, If-None-Match refused when the object exists. */
function bucket() {
  const objects = new Map<string, number>()
  const puts: string[] = []
  let online = true
  const put = (key: string, conditional: boolean) => {
    if (!online) return Promise.reject(appError('offline'))
    if (conditional && objects.has(key))
      return Promise.reject(Object.assign(new Error('412'), { name: 'SaveConflictError' }))
    puts.push(key)
    objects.set(key, (objects.get(key) ?? 0) + 1)
    return Promise.resolve()
  }
  return {
    objects,
    puts,
    setOnline: (value: boolean) => (online = value),
    put,
  }
}

function world(options: { needsUpload: boolean; storage: ReturnType<typeof bucket> }) {
  const { storage } = options
  const detections: string[] = []
  const detector: Detector = {
    needsUpload: options.needsUpload,
    detect: ({ photoKey }) => {
      detections.push(photoKey ?? 'on device')
      return Promise.resolve({ answer, settings })
    },
  }
  const deps: PipelineDeps = {
    door: {
      // As src/aws/photos.ts: the key comes from the job's photo id, and a 412 means "already there".
      uploadPhoto: async ({ photoId }) => {
        const key = `u/guest/${photoId}.jpg`
        await storage.put(key, true).catch((error: Error) => {
          if (error.name !== 'SaveConflictError') throw error
        })
        return key
      },
      putThumbnail: (key) => storage.put(key.replace('.jpg', '.thumb.jpg'), false),
    },
    detector,
    prepare: (_file, fileName) => {
      const prepared: PreparedPhoto = {
        bytes: new TextEncoder().encode(fileName).buffer,
        bitmap: {} as ImageBitmap,
        thumbnail: new Uint8Array(4).buffer,
        width: 4,
        height: 3,
        quality: 0.8,
        sourceWidth: 4,
        sourceHeight: 3,
        millis: 1,
      }
      return Promise.resolve(prepared)
    },
    // As the queue's save: a refused If-None-Match is an earlier try's document, so it is saved.
    save: (photoKey) =>
      storage.put(photoKey.replace('.jpg', '.analysis.json'), true).catch((error: Error) => {
        if (error.name !== 'SaveConflictError') throw error
      }),
  }
  return { deps, detections }
}

/** Runs one record to the end, or until the "reload" after `persistsBeforeReload` persists. */
async function runRecord(
  store: JobStore,
  seq: number,
  job: PhotoJob,
  deps: PipelineDeps,
  persistsBeforeReload = Infinity,
  reloadBeforeKeeping = false,
) {
  let persists = 0
  await runPhotoJob(job, deps, {
    settings,
    maxMegapixels: 1,
    persist: async (done) => {
      persists += 1
      if (persists > persistsBeforeReload) {
        if (!reloadBeforeKeeping) await store.save(seq, done)
        throw new Reload()
      }
      await store.save(seq, done)
    },
  })
  await store.remove(seq)
}

/** The next start: every record, oldest first, run again from what was kept. */
async function nextStart(store: JobStore, deps: PipelineDeps) {
  for (const record of await store.list())
    await runRecord(store, record.seq, restoreJob(record.job), deps)
}

describe('persistent queue: order and idempotence', () => {
  it('lists unfinished photos in the order they were added', async () => {
    const store = memoryJobStore()
    for (const name of ['a.jpg', 'b.jpg', 'c.jpg'])
      await store.add(newJob(new Blob([name]), name), 'batch')
    const [, second] = await store.list()
    if (!second) throw new Error('no second record')
    await store.remove(second.seq)
    expect((await store.list()).map((record) => record.job.fileName)).toEqual(['a.jpg', 'c.jpg'])
    expect(inOrder([{ ...second, seq: 9 }, second]).map((record) => record.seq)).toEqual([
      second.seq,
      9,
    ])
  })

  // Reload after 0, 1, 2 and 3 kept steps (prepared, uploaded, labelled, thumbnail), once with the
  // step's record kept and once lost with the page: each photo is stored once, whole.
  for (const reloadBeforeKeeping of [false, true]) {
    for (const persistsBeforeReload of [0, 1, 2, 3]) {
      it(`stores every photo once after a reload at step ${persistsBeforeReload}${reloadBeforeKeeping ? ', before it was kept' : ''}`, async () => {
        const storage = bucket()
        const { deps } = world({ needsUpload: true, storage })
        const store = memoryJobStore()
        const names = ['1.jpg', '2.jpg', '3.jpg', '4.jpg', '5.jpg']
        const records = []
        for (const name of names)
          records.push(await store.add(newJob(new Blob([name]), name), 'batch'))
        // The first page gets each photo to the chosen step, then reloads.
        for (const record of records) {
          await expect(
            runRecord(
              store,
              record.seq,
              restoreJob(record.job),
              deps,
              persistsBeforeReload,
              reloadBeforeKeeping,
            ),
          ).rejects.toThrow() // a Reload, or the save step's failure around it
        }
        await nextStart(store, deps)

        expect(await store.list()).toEqual([])
        const photos = [...storage.objects.keys()].filter((key) =>
          /^u\/guest\/[0-9a-f]+\.jpg$/.test(key),
        )
        expect(photos).toHaveLength(names.length)
        for (const photo of photos) {
          expect(storage.objects.get(photo)).toBe(1)
          expect(storage.objects.get(photo.replace('.jpg', '.analysis.json'))).toBe(1)
          expect(storage.objects.has(photo.replace('.jpg', '.thumb.jpg'))).toBe(true)
        }
        // Photos went up in the order they were added.
        const order = records.map((record) => `u/guest/${record.job.photoId}.jpg`)
        expect(storage.puts.filter((key) => order.includes(key))).toEqual(order)
      })
    }
  }

  it('labels on the device offline, keeps the result, and uploads once when back online', async () => {
    const storage = bucket()
    const { deps, detections } = world({ needsUpload: false, storage })
    const store = memoryJobStore()
    const record = await store.add(newJob(new Blob(['x']), 'offline.jpg'), 'single')
    storage.setOnline(false)
    await expect(runRecord(store, record.seq, restoreJob(record.job), deps)).rejects.toThrow()
    const [waiting] = await store.list()
    expect(waiting?.job.detection?.answer).toEqual(answer)
    expect(waiting?.job.photoKey).toBeNull()
    expect(storage.puts).toEqual([])

    storage.setOnline(true)
    await nextStart(store, deps)
    expect(detections).toEqual(['on device'])
    const key = `u/guest/${record.job.photoId}.jpg`
    expect([...storage.puts].sort()).toEqual(
      [key, key.replace('.jpg', '.analysis.json'), key.replace('.jpg', '.thumb.jpg')].sort(),
    )
    expect(storage.objects.get(key)).toBe(1)
    expect(await store.list()).toEqual([])
  })

  it('uploads once when back online a photo shown offline under a key of this device', async () => {
    const storage = bucket()
    const { deps, detections } = world({ needsUpload: false, storage })
    // As the photo on screen: shown when storage is out of reach; nothing saved under a device key.
    const onScreen: PipelineDeps = {
      ...deps,
      showWhenUnreachable: true,
      save: (key, document) => (isDeviceKey(key) ? Promise.resolve() : deps.save(key, document)),
    }
    const store = memoryJobStore()
    const record = await store.add(newJob(new Blob(['x']), 'shown.jpg'), 'single')
    storage.setOnline(false)
    const shown = await runPhotoJob(restoreJob(record.job), onScreen, {
      settings,
      maxMegapixels: 1,
      persist: (done) => store.save(record.seq, done),
    })
    expect(isDeviceKey(shown.photoKey)).toBe(true)
    expect(storage.puts).toEqual([])

    storage.setOnline(true)
    await nextStart(store, deps)
    expect(detections).toEqual(['on device'])
    const key = `u/guest/${record.job.photoId}.jpg`
    expect([...storage.puts].sort()).toEqual(
      [key, key.replace('.jpg', '.analysis.json'), key.replace('.jpg', '.thumb.jpg')].sort(),
    )
    expect(await store.list()).toEqual([])
  })

  it('never lets a later report undo a step or change the photo id', () => {
    const job = newJob(new Blob(['x']), 'a.jpg')
    job.prepared = { bytes: new ArrayBuffer(2), width: 2, height: 1, thumbnail: null }
    job.detection = { answer, settings }
    const kept = snapshotJob(job)
    const stale = snapshotJob({ ...job, prepared: null, detection: null })
    const merged = mergeSnapshot(kept, stale)
    expect(merged.prepared).toEqual(kept.prepared)
    expect(merged.detection).toEqual(kept.detection)
    const other = snapshotJob(newJob(new Blob(['y']), 'a.jpg'))
    expect(() => mergeSnapshot(kept, other)).toThrow(/photo id changed/)
  })

  it('keeps no bitmap: a record is plain data a store can clone', () => {
    const job = newJob(new Blob(['x']), 'a.jpg')
    job.prepared = Object.assign(
      { bytes: new ArrayBuffer(2), width: 2, height: 1, thumbnail: null },
      { bitmap: {} as ImageBitmap },
    )
    expect(Object.keys(snapshotJob(job).prepared ?? {})).toEqual([
      'bytes',
      'width',
      'height',
      'thumbnail',
    ])
  })
})
