// A generated 8000×600 panorama with a person and a cat in it, for the detector and e2e tests.
import { readFile } from 'node:fs/promises'
import sharp from 'sharp'

export const WIDTH = 8000
export const HEIGHT = 600
/** Where each photo is placed, in panorama pixels (both are scaled to the full height). */
export const PERSON = { x: 1500, width: 512 }
export const CAT = { x: 5200, width: 902 }

const fixture = (name: string) => readFile(new URL(`../fixtures/photos/${name}`, import.meta.url))

/**
 * A strip of the rocket launch photo (no COCO object) repeated, with Grace Hopper (512×600) and
 * Chelsea the cat (scaled to 902×600) standing in it.
 */
export async function panorama(): Promise<Uint8Array> {
  const cat = await sharp(await fixture('chelsea.png'))
    .resize(CAT.width, HEIGHT)
    .toBuffer()
  const scenery = await sharp(await fixture('rocket.jpg'))
    .resize(900, HEIGHT)
    .toBuffer()
  const background = Array.from({ length: 8 }, (_, index) => ({
    input: scenery,
    left: index * 900,
    top: 0,
  }))
  const jpeg = await sharp({
    create: { width: WIDTH, height: HEIGHT, channels: 3, background: { r: 128, g: 140, b: 150 } },
  })
    .composite([
      ...background,
      { input: await fixture('grace_hopper.jpg'), left: PERSON.x, top: 0 },
      { input: cat, left: CAT.x, top: 0 },
    ])
    .jpeg({ quality: 90 })
    .toBuffer()
  return new Uint8Array(jpeg)
}
