// The photo library's S3 calls (src/aws/my-photos.ts) with the real SDK against the local
// endpoint: listing across pages, conditional writes from two tabs, and delete with side files.
import { createHash } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  deletePhoto,
  getPhotoBytes,
  getThumbnail,
  listMyPhotos,
  putThumbnail,
  readAnalysis,
  writeAnalysis,
  type MyPhotosSession,
} from '../../src/aws/my-photos.ts'
import {
  createDocument,
  updateDocument,
  type AnalysisDocument,
} from '../../src/lib/analysis-document.ts'
import { Autosaver, SaveConflictError } from '../../src/lib/autosave.ts'
import { applyEdit, renameBox, reshapeBox, type Edit } from '../../src/lib/edits.ts'
import { record } from '../../src/lib/history.ts'
import { analysisKey, thumbnailKey } from '../../src/lib/my-photos.ts'
import { adminS3, fakeDetector, newGuest, startTestEndpoint, type TestEndpoint } from './helpers.ts'

const photoBytes = () => readFile('tests/fixtures/photos/chelsea.png')

function sessionOf(endpoint: TestEndpoint, guest: Awaited<ReturnType<typeof newGuest>>) {
  const session: MyPhotosSession = {
    s3: guest.s3,
    identityId: guest.identityId,
    config: endpoint.aws.config,
  }
  return session
}

let counter = 0
function newPhotoKey(identityId: string): string {
  counter += 1
  return `u/${identityId}/${counter.toString(16).padStart(32, '0')}.jpg`
}

async function putPhoto(session: MyPhotosSession, key: string): Promise<void> {
  await session.s3.send(
    new PutObjectCommand({
      Bucket: session.config.imagesBucket,
      Key: key,
      Body: new Uint8Array(await photoBytes()),
      ContentType: 'image/jpeg',
    }),
  )
}

function newDocument(key: string): AnalysisDocument {
  return createDocument({
    photo: {
      key,
      width: 451,
      height: 300,
      originalName: 'chelsea.png',
      addedAt: new Date().toISOString(),
    },
    settings: {
      maxLabels: 10,
      minConfidence: 50,
      imageProperties: false,
      includeCategories: [],
      excludeCategories: [],
    },
    response: { Labels: [], LabelModelVersion: '3.0' },
    analysis: {
      labels: [{ name: 'Cat', confidence: 97, parents: [], aliases: [], categories: [] }],
      boxes: [
        {
          id: 'b1',
          label: 'Cat',
          confidence: 97,
          box: { left: 0.1, top: 0.1, width: 0.3, height: 0.3 },
          source: 'detected',
          edited: false,
          dominantColors: [],
        },
        {
          id: 'b2',
          label: 'Cat',
          confidence: 80,
          box: { left: 0.5, top: 0.5, width: 0.2, height: 0.2 },
          source: 'detected',
          edited: false,
          dominantColors: [],
        },
      ],
      imageProperties: null,
      labelModelVersion: '3.0',
    },
    savedAt: '2026-01-01T00:00:00.000Z',
  })
}

/** One tab's edit on top of a document, as the app records it. */
function edited(document: AnalysisDocument, edit: Edit | null, savedAt: string): AnalysisDocument {
  if (!edit) throw new Error('the edit changes nothing')
  const state = applyEdit(document.state, edit)
  return updateDocument(
    document,
    state,
    record(document.history, edit, Date.parse(savedAt)),
    savedAt,
  )
}

describe('photo library against the local endpoint', () => {
  let endpoint: TestEndpoint

  beforeAll(async () => {
    endpoint = await startTestEndpoint({ detector: fakeDetector() })
  })
  afterAll(() => endpoint.stop())

  it('lists only this guest’s photos, across pages, newest first, with their side files', async () => {
    const guest = sessionOf(endpoint, await newGuest(endpoint.aws))
    const other = sessionOf(endpoint, await newGuest(endpoint.aws))
    const keys = [
      newPhotoKey(guest.identityId),
      newPhotoKey(guest.identityId),
      newPhotoKey(guest.identityId),
    ]
    for (const key of keys) {
      await putPhoto(guest, key)
      // LastModified has one-second resolution in S3 listings: space the uploads out.
      await new Promise((resolve) => setTimeout(resolve, 1100))
    }
    await putThumbnail(guest, keys[1]!, new Uint8Array([0xff, 0xd8, 0xff, 0xd9]), 'Küche cat.jpg')
    await writeAnalysis(guest, keys[1]!, newDocument(keys[1]!), null)
    await putPhoto(other, newPhotoKey(other.identityId))

    const entries = await listMyPhotos(guest, { pageSize: 2 })
    expect(entries.map((entry) => entry.photoKey)).toEqual([...keys].reverse())
    expect(entries[1]).toMatchObject({
      thumbnailKey: thumbnailKey(keys[1]!),
      analysisKey: analysisKey(keys[1]!),
    })
    expect(entries[0]).toMatchObject({ thumbnailKey: null, analysisKey: null })

    const thumbnail = await getThumbnail(guest, keys[1]!)
    expect([...thumbnail.bytes.subarray(0, 4)]).toEqual([0xff, 0xd8, 0xff, 0xfe])
    expect([...thumbnail.bytes.subarray(-2)]).toEqual([0xff, 0xd9])
    // The name travels inside the JPEG, accents and all (S3 metadata is ASCII only).
    expect(thumbnail.originalName).toBe('Küche cat.jpg')
    expect(Buffer.from(await getPhotoBytes(guest, keys[0]!)).equals(await photoBytes())).toBe(true)
  })

  it('refuses a second writer with a stale ETag (412), then the merge keeps both edits', async () => {
    const guest = sessionOf(endpoint, await newGuest(endpoint.aws))
    const key = newPhotoKey(guest.identityId)
    await putPhoto(guest, key)
    const created = newDocument(key)
    const firstEtag = await writeAnalysis(guest, key, created, null)
    expect(firstEtag).toMatch(/^"[0-9a-f]{32}"$/)
    // Creating it twice is refused too: If-None-Match: *.
    await expect(writeAnalysis(guest, key, created, null)).rejects.toBeInstanceOf(SaveConflictError)

    // Two tabs load the same version. Tab A moves b1 and saves first.
    const loadedByA = await readAnalysis(guest, key)
    const loadedByB = await readAnalysis(guest, key)
    expect(loadedByA?.etag).toBe(firstEtag)
    const moved = { left: 0.2, top: 0.2, width: 0.3, height: 0.3 }
    const tabA = edited(
      loadedByA!.document,
      reshapeBox(loadedByA!.document.state, 'b1', moved, 'drag'),
      '2026-01-01T00:01:00.000Z',
    )
    const etagA = await writeAnalysis(guest, key, tabA, loadedByA!.etag)
    expect(etagA).not.toBe(firstEtag)

    // Tab B renamed b2 and writes with the ETag it loaded: refused, nothing overwritten.
    const tabB = edited(
      loadedByB!.document,
      renameBox(loadedByB!.document.state, 'b2', 'Kitten'),
      '2026-01-01T00:02:00.000Z',
    )
    await expect(writeAnalysis(guest, key, tabB, loadedByB!.etag)).rejects.toBeInstanceOf(
      SaveConflictError,
    )
    expect((await readAnalysis(guest, key))?.document).toEqual(tabA)

    // Tab B's autosaver merges with what is stored and writes again: both edits survive.
    const merged: AnalysisDocument[] = []
    const saver = new Autosaver({
      remote: {
        read: () => readAnalysis(guest, key),
        write: (document, etag) => writeAnalysis(guest, key, document, etag),
      },
      saved: loadedByB,
      onMerged: (document) => merged.push(document),
    })
    saver.change(tabB)
    await saver.flush()
    expect(saver.current).toMatchObject({ status: 'saved', merges: 1 })
    const stored = await readAnalysis(guest, key)
    const boxes = stored!.document.state.analysis.boxes
    expect(boxes.find((box) => box.id === 'b1')?.box).toEqual(moved)
    expect(boxes.find((box) => box.id === 'b2')?.label).toBe('Kitten')
    expect(stored!.etag).toBe(saver.lastSaved?.etag)
    expect(merged.at(-1)?.state).toEqual(stored!.document.state)
    // The history stays tab B's own: its undo takes back the rename only.
    expect(stored!.document.history.past.map((entry) => entry.edit.kind)).toEqual(['rename-box'])
  })

  it('deletes a photo with its thumbnail and analysis, leaving other photos alone', async () => {
    const guest = sessionOf(endpoint, await newGuest(endpoint.aws))
    const doomed = newPhotoKey(guest.identityId)
    const kept = newPhotoKey(guest.identityId)
    for (const key of [doomed, kept]) {
      await putPhoto(guest, key)
      await putThumbnail(guest, key, new Uint8Array([0xff, 0xd8, 0xff, 0xd9]), 'cat.jpg')
      await writeAnalysis(guest, key, newDocument(key), null)
    }
    const deleted = await deletePhoto(guest, doomed)
    expect(deleted).toEqual([analysisKey(doomed), thumbnailKey(doomed), doomed])

    // Checked as the administrator and on disk, not through the code under test.
    const admin = adminS3(endpoint.aws)
    const listed = await admin.send(
      new ListObjectsV2Command({
        Bucket: endpoint.aws.config.imagesBucket,
        Prefix: `u/${guest.identityId}/`,
      }),
    )
    expect(listed.Contents?.map((object) => object.Key).sort()).toEqual(
      [kept, thumbnailKey(kept), analysisKey(kept)].sort(),
    )
    // The endpoint names each object's files by the SHA-256 of its key.
    const files = await readdir(join(endpoint.dataDir, 'objects', endpoint.aws.config.imagesBucket))
    const stemOf = (key: string) => createHash('sha256').update(key).digest('hex')
    for (const key of deleted) {
      expect(files.filter((name) => name.startsWith(stemOf(key)))).toEqual([])
    }
    expect(files.filter((name) => name.startsWith(stemOf(kept))).length).toBe(2)
    expect(await readAnalysis(guest, doomed)).toBeNull()
  })
})
