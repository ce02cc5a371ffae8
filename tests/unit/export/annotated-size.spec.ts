import { describe, expect, it } from 'vitest'
import { annotatedExportSize, SAFARI_CANVAS_MAX_PIXELS } from '../../../src/lib/export'

describe('annotatedExportSize', () => {
  it('keeps full resolution when the photo fits', () => {
    expect(annotatedExportSize(4032, 3024)).toEqual({ width: 4032, height: 3024, scale: 1 })
    expect(annotatedExportSize(4096, 4096)).toEqual({ width: 4096, height: 4096, scale: 1 })
  })

  it('scales a 48 MP photo to fit Safari, keeping the aspect ratio', () => {
    const size = annotatedExportSize(8064, 6048)
    expect(size.width * size.height).toBeLessThanOrEqual(SAFARI_CANVAS_MAX_PIXELS)
    // sqrt(16777216 / 48771072) = 0.5865…, so 4729 × 3547; as large as the limit allows.
    expect(size).toMatchObject({ width: 4729, height: 3547 })
    expect((size.width + 1) * (size.height + 1)).toBeGreaterThan(SAFARI_CANVAS_MAX_PIXELS)
    expect(size.width / size.height).toBeCloseTo(8064 / 6048, 3)
  })

  it('handles a panorama one pixel past the limit and custom limits', () => {
    const size = annotatedExportSize(16_777_217, 1)
    expect(size.width * size.height).toBeLessThanOrEqual(SAFARI_CANVAS_MAX_PIXELS)
    expect(size.height).toBe(1)
    expect(annotatedExportSize(200, 100, 5000)).toMatchObject({
      width: 100,
      height: 50,
      scale: 0.5,
    })
  })

  it('refuses empty images', () => {
    expect(() => annotatedExportSize(0, 10)).toThrow(RangeError)
  })
})
