// The benchmark's phone photo: 12 MP (4032×3024 stored), EXIF orientation 6, as a phone held
// upright writes it. Built from a real portrait with seeded sensor-like noise, so it compresses
// like a photo (about 3 MB) and comes out byte-identical on every run.
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import sharp from 'sharp'

export interface BenchPhoto {
  path: string
  bytes: number
  /** As stored in the file, before orientation. */
  storedWidth: number
  storedHeight: number
  orientation: number
}

const SOURCE = 'tests/fixtures/photos/grace_hopper.jpg'
const UPRIGHT_WIDTH = 3024
const UPRIGHT_HEIGHT = 4032
const NOISE_AMPLITUDE = 12

/** A small deterministic generator (mulberry32): the noise, and so the bytes, never change. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state)
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296
  }
}

export async function makeBenchPhoto(directory: string): Promise<BenchPhoto> {
  await mkdir(directory, { recursive: true })
  const upright = await sharp(SOURCE)
    .resize(UPRIGHT_WIDTH, UPRIGHT_HEIGHT, { fit: 'cover', kernel: 'lanczos3' })
    .removeAlpha()
    .raw()
    .toBuffer()
  const random = seededRandom(12)
  for (let index = 0; index < upright.length; index += 3) {
    // Luminance-like grain: the same offset on all three channels, as sensor noise mostly is.
    const offset = Math.round((random() + random() - 1) * NOISE_AMPLITUDE)
    for (let channel = 0; channel < 3; channel += 1) {
      const value = (upright[index + channel] ?? 0) + offset
      upright[index + channel] = value < 0 ? 0 : value > 255 ? 255 : value
    }
  }
  // Stored turned a quarter left; orientation 6 tells viewers to turn it a quarter right.
  const stored = await sharp(upright, {
    raw: { width: UPRIGHT_WIDTH, height: UPRIGHT_HEIGHT, channels: 3 },
  })
    .rotate(270)
    .jpeg({ quality: 90, chromaSubsampling: '4:2:0' })
    .withMetadata({ orientation: 6 })
    .toBuffer()
  const metadata = await sharp(stored).metadata()
  if (metadata.width !== 4032 || metadata.height !== 3024 || metadata.orientation !== 6) {
    throw new Error(
      `generated photo is ${metadata.width}×${metadata.height} orientation ${metadata.orientation}`,
    )
  }
  const path = join(directory, 'phone-12mp-orientation-6.jpg')
  await writeFile(path, stored)
  return {
    path,
    bytes: stored.length,
    storedWidth: metadata.width,
    storedHeight: metadata.height,
    orientation: metadata.orientation,
  }
}
