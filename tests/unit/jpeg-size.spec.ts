// The upright size read from a JPEG's header, against sharp (libvips) reading the same files.
import { readFile } from 'node:fs/promises'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { uprightJpegSize } from '../../src/lib/jpeg-size'

const photo = 'tests/fixtures/photos/grace_hopper.jpg'

async function withOrientation(orientation: number, progressive = false): Promise<Buffer> {
  return sharp(photo)
    .resize({ width: 301, height: 200, fit: 'fill' })
    .jpeg({ progressive })
    .withMetadata({ orientation })
    .toBuffer()
}

describe('uprightJpegSize', () => {
  for (const orientation of [1, 2, 3, 4, 5, 6, 7, 8]) {
    it(`reads orientation ${orientation} as sharp does`, async () => {
      const bytes = await withOrientation(orientation)
      const meta = await sharp(bytes).metadata()
      expect(meta.orientation).toBe(orientation)
      const turned = orientation >= 5
      expect(uprightJpegSize(new Uint8Array(bytes))).toEqual({
        width: turned ? meta.height : meta.width,
        height: turned ? meta.width : meta.height,
      })
    })
  }

  it('reads a progressive JPEG and one without EXIF', async () => {
    const progressive = await withOrientation(6, true)
    expect(uprightJpegSize(new Uint8Array(progressive))).toEqual({ width: 200, height: 301 })
    const plain = await readFile(photo)
    const meta = await sharp(plain).metadata()
    expect(uprightJpegSize(new Uint8Array(plain))).toEqual({
      width: meta.width,
      height: meta.height,
    })
  })

  it('finds the frame within the first bytes only, and says null for what it cannot read', async () => {
    const bytes = new Uint8Array(await withOrientation(6))
    // The worker reads a prefix: the header is in it, the picture's data need not be.
    expect(uprightJpegSize(bytes.subarray(0, 4096))).toEqual({ width: 200, height: 301 })
    expect(uprightJpegSize(bytes.subarray(0, 40))).toBeNull()
    const png = new Uint8Array(await readFile('tests/fixtures/photos/chelsea.png'))
    expect(uprightJpegSize(png)).toBeNull()
    expect(uprightJpegSize(new Uint8Array([0xff, 0xd8, 0x00, 0x10]))).toBeNull()
  })
})
