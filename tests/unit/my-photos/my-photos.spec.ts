import { describe, expect, it } from 'vitest'
import {
  analysisKey,
  deletionOrder,
  isPhotoKey,
  myPhotosEntries,
  myPhotosPrefix,
  photoFilesPrefix,
  thumbnailKey,
  thumbnailSize,
} from '../../../src/lib/my-photos'

const id = 'us-east-1:0f0e'
const a = `u/${id}/aaaa.jpg`
const b = `u/${id}/bbbb.jpg`

describe('photo library layout', () => {
  it('puts side files beside the photo under one prefix', () => {
    expect(myPhotosPrefix(id)).toBe(`u/${id}/`)
    expect(thumbnailKey(a)).toBe(`u/${id}/aaaa.thumb.jpg`)
    expect(analysisKey(a)).toBe(`u/${id}/aaaa.analysis.json`)
    expect(photoFilesPrefix(a)).toBe(`u/${id}/aaaa.`)
    expect(isPhotoKey(a)).toBe(true)
    expect(isPhotoKey(thumbnailKey(a))).toBe(false)
    expect(() => thumbnailKey('u/x/not-hex.png')).toThrow(RangeError)
  })

  it('groups a listing into photos, newest first, ignoring orphans and strangers', () => {
    const entries = myPhotosEntries([
      { key: analysisKey(a), lastModified: '2026-01-03T00:00:00.000Z', size: 10 },
      { key: a, lastModified: '2026-01-01T00:00:00.000Z', size: 100 },
      { key: b, lastModified: '2026-01-02T00:00:00.000Z', size: 200 },
      { key: thumbnailKey(b), lastModified: '2026-01-02T00:00:01.000Z', size: 5 },
      { key: thumbnailKey(`u/${id}/cccc.jpg`), lastModified: '2026-01-04T00:00:00.000Z', size: 5 },
      { key: `u/${id}/notes.txt`, lastModified: '2026-01-05T00:00:00.000Z', size: 1 },
    ])
    expect(entries).toEqual([
      {
        photoKey: b,
        addedAt: '2026-01-02T00:00:00.000Z',
        size: 200,
        thumbnailKey: thumbnailKey(b),
        analysisKey: null,
      },
      {
        photoKey: a,
        addedAt: '2026-01-01T00:00:00.000Z',
        size: 100,
        thumbnailKey: null,
        analysisKey: analysisKey(a),
      },
    ])
  })

  it('deletes side files before the photo and nothing of another photo', () => {
    const longerId = `u/${id}/aaaab.jpg`
    expect(
      deletionOrder(a, [a, thumbnailKey(a), longerId, thumbnailKey(longerId), analysisKey(a), a]),
    ).toEqual([analysisKey(a), thumbnailKey(a), a])
    expect(deletionOrder(a, [thumbnailKey(a)])).toEqual([thumbnailKey(a)])
  })

  it('sizes thumbnails by the long side without enlarging small photos', () => {
    expect(thumbnailSize(1920, 1080)).toEqual({ width: 320, height: 180 })
    expect(thumbnailSize(1080, 1920)).toEqual({ width: 180, height: 320 })
    expect(thumbnailSize(200, 100)).toEqual({ width: 200, height: 100 })
    expect(thumbnailSize(10000, 10)).toEqual({ width: 320, height: 1 })
    expect(() => thumbnailSize(0, 10)).toThrow(RangeError)
  })
})
