import { describe, expect, it } from 'vitest'
import {
  checkSourceSize,
  fitsUploadLimit,
  looksLikeHeic,
  MAX_UPLOAD_BYTES,
  MIN_SIDE_PX,
  nextEncodeAttempt,
  targetSize,
  type EncodeAttempt,
} from '../../src/lib/photo-preparation'

describe('targetSize', () => {
  it('scales a 12 MP photo so its long side is 1920 px, keeping the aspect ratio', () => {
    expect(targetSize({ width: 4032, height: 3024 })).toEqual({ width: 1920, height: 1440 })
    expect(targetSize({ width: 3024, height: 4032 })).toEqual({ width: 1440, height: 1920 })
  })
  it('never scales up', () => {
    expect(targetSize({ width: 640, height: 480 })).toEqual({ width: 640, height: 480 })
  })
  it('follows the long-side setting', () => {
    expect(targetSize({ width: 4000, height: 2000 }, 1280)).toEqual({ width: 1280, height: 640 })
  })
  it('keeps a narrow panorama at least 80 px high', () => {
    const size = targetSize({ width: 10000, height: 200 }, 1920)
    expect(size.height).toBe(MIN_SIDE_PX)
    expect(size.width).toBe(4000)
  })
})

describe('checkSourceSize', () => {
  it('refuses images under 80 px on either side', () => {
    expect(checkSourceSize({ width: 79, height: 500 }).ok).toBe(false)
    expect(checkSourceSize({ width: 500, height: 79 }).ok).toBe(false)
    expect(checkSourceSize({ width: 80, height: 80 }).ok).toBe(true)
  })
})

describe('nextEncodeAttempt', () => {
  it('lowers the quality step by step, then shrinks and starts again', () => {
    let attempt: EncodeAttempt | null = { width: 1920, height: 1440, quality: 0.85 }
    const seen: EncodeAttempt[] = []
    for (let step = 0; step < 6 && attempt; step += 1) {
      attempt = nextEncodeAttempt(attempt)
      if (attempt) seen.push(attempt)
    }
    expect(seen.map((item) => item.quality)).toEqual([0.75, 0.65, 0.5, 0.85, 0.75, 0.65])
    expect(seen[3]).toEqual({ width: 1440, height: 1080, quality: 0.85 })
  })
  it('gives up rather than go under 80 px', () => {
    expect(nextEncodeAttempt({ width: 100, height: 100, quality: 0.5 })).toBeNull()
  })
})

describe('limits', () => {
  it('keeps uploads under 5 MB', () => {
    expect(fitsUploadLimit(MAX_UPLOAD_BYTES - 1)).toBe(true)
    expect(fitsUploadLimit(MAX_UPLOAD_BYTES)).toBe(false)
  })
  it('recognises HEIC by name or type', () => {
    expect(looksLikeHeic('IMG_0001.HEIC', '')).toBe(true)
    expect(looksLikeHeic('photo', 'image/heif')).toBe(true)
    expect(looksLikeHeic('photo.jpg', 'image/jpeg')).toBe(false)
  })
})
