import { describe, expect, it } from 'vitest'
import {
  checkSourceSize,
  decoderDivisor,
  fitsUploadLimit,
  looksLikeHeic,
  DEFAULT_MAX_MEGAPIXELS,
  MAX_SIDE_PX,
  MAX_UPLOAD_BYTES,
  megapixelsOfLongSide,
  MIN_SIDE_PX,
  nextEncodeAttempt,
  targetSize,
  type EncodeAttempt,
} from '../../src/lib/photo-preparation'

describe('targetSize', () => {
  it('prepares a 12 MP photo at half its size, which a JPEG decoder reaches directly', () => {
    expect(targetSize({ width: 4032, height: 3024 })).toEqual({ width: 2016, height: 1512 })
    expect(targetSize({ width: 3024, height: 4032 })).toEqual({ width: 1512, height: 2016 })
    // 50 MP at a quarter; odd sides round up, as the decoder rounds them.
    expect(targetSize({ width: 8160, height: 6121 })).toEqual({ width: 2040, height: 1531 })
  })
  it('scales to fill the budget where no decoder fraction fills most of it', () => {
    // 16 MP: half is 3.98 MP, over the budget; a quarter is 1 MP, far under it.
    const size = targetSize({ width: 4608, height: 3456 })
    expect(size.width * size.height).toBeLessThanOrEqual(3_700_000)
    expect(size.width * size.height).toBeGreaterThan(3_690_000)
    expect(size.width / size.height).toBeCloseTo(4 / 3, 2)
    // 8 MP: half (2 MP) would keep only 54 % of the budget.
    const eight = targetSize({ width: 3264, height: 2448 })
    expect(eight.width * eight.height).toBeGreaterThan(3_690_000)
  })
  it('keeps a panorama’s height: 8000×600 is only scaled to fit its pixel count', () => {
    const size = targetSize({ width: 8000, height: 600 })
    expect(size.height).toBeGreaterThan(500)
    expect(size.width * size.height).toBeLessThanOrEqual(3_700_000)
    expect(size.width / size.height).toBeCloseTo(8000 / 600, 1)
  })
  it('never scales up', () => {
    expect(targetSize({ width: 640, height: 480 })).toEqual({ width: 640, height: 480 })
  })
  it('follows the pixel budget setting', () => {
    const size = targetSize({ width: 4000, height: 2000 }, 2)
    expect(size).toEqual({ width: 2000, height: 1000 })
  })
  it('keeps every side within Rekognition’s 10,000 px', () => {
    expect(targetSize({ width: 20000, height: 1000 }, 8)).toEqual({
      width: MAX_SIDE_PX,
      height: 500,
    })
  })
  it('keeps a narrow panorama at least 80 px high', () => {
    expect(targetSize({ width: 8000, height: 100 }, 0.5)).toEqual({
      width: 6400,
      height: MIN_SIDE_PX,
    })
  })
})

describe('decoderDivisor', () => {
  it('asks the decoder for the smallest fraction still at least the prepared size', () => {
    expect(decoderDivisor({ width: 4032, height: 3024 }, { width: 2016, height: 1512 })).toBe(2)
    expect(decoderDivisor({ width: 8064, height: 6048 }, { width: 2221, height: 1665 })).toBe(2)
    expect(decoderDivisor({ width: 12000, height: 9000 }, { width: 2221, height: 1665 })).toBe(4)
    expect(decoderDivisor({ width: 4608, height: 3456 }, { width: 2221, height: 1665 })).toBe(2)
  })
  it('decodes whole where even half would be smaller than the prepared size', () => {
    expect(decoderDivisor({ width: 3264, height: 2448 }, { width: 2221, height: 1665 })).toBe(1)
    expect(decoderDivisor({ width: 640, height: 480 }, { width: 640, height: 480 })).toBe(1)
  })
  it('never goes below the prepared size on the short side of a panorama', () => {
    expect(decoderDivisor({ width: 8000, height: 600 }, { width: 7023, height: 527 })).toBe(1)
  })
})

describe('megapixelsOfLongSide', () => {
  it('turns an old long-side limit into the pixels of a 4:3 photo of that side', () => {
    expect(megapixelsOfLongSide(1280)).toBe(1.2)
    expect(megapixelsOfLongSide(1920)).toBe(DEFAULT_MAX_MEGAPIXELS)
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
