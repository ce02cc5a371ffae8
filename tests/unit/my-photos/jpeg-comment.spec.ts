import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { readJpegComment, withJpegComment } from '../../../src/lib/jpeg-comment'

async function jpeg(): Promise<Uint8Array> {
  const buffer = await sharp({
    create: { width: 8, height: 6, channels: 3, background: { r: 200, g: 40, b: 40 } },
  })
    .jpeg()
    .toBuffer()
  return new Uint8Array(buffer)
}

describe('JPEG comments', () => {
  it('round-trips a name with accents, and the JPEG still decodes to the same pixels', async () => {
    const plain = await jpeg()
    expect(readJpegComment(plain)).toBeNull()
    const named = withJpegComment(plain, 'Café – Küche.jpg')
    expect(readJpegComment(named)).toBe('Café – Küche.jpg')
    const [before, after] = await Promise.all(
      [plain, named].map((bytes) => sharp(bytes).raw().toBuffer({ resolveWithObject: true })),
    )
    expect(after!.info).toMatchObject({ width: 8, height: 6 })
    expect(after!.data.equals(before!.data)).toBe(true)
  })

  it('cuts an overlong text on a character boundary and ignores what is not a JPEG', async () => {
    const named = withJpegComment(await jpeg(), 'é'.repeat(40_000))
    const read = readJpegComment(named)
    expect(read).toMatch(/^é+$/)
    expect(new TextEncoder().encode(read!).length).toBeLessThanOrEqual(65_533)
    expect(readJpegComment(new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).toBeNull()
    expect(() => withJpegComment(new Uint8Array([1, 2, 3, 4]), 'x')).toThrow(RangeError)
    // A truncated segment length is not trusted.
    expect(readJpegComment(new Uint8Array([0xff, 0xd8, 0xff, 0xfe, 0x00, 0x40, 0x41]))).toBeNull()
  })
})
