// Image validation: every bad input gets the error Rekognition gives it, and the detector keeps
// answering afterwards.
import { readFile } from 'node:fs/promises'
import sharp from 'sharp'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  ImageInputError,
  loadLabelDetector,
  type LabelDetector,
} from '../../local-aws/detector/index.ts'

const photo = (name: string) => readFile(new URL(`../fixtures/photos/${name}`, import.meta.url))

const solid = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 90, g: 140, b: 200 } } })

async function errorCodeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
  } catch (error) {
    expect(error).toBeInstanceOf(ImageInputError)
    return (error as ImageInputError).code
  }
  return 'no error'
}

let detector: LabelDetector
let jpeg: Buffer
let png: Buffer

beforeAll(async () => {
  detector = await loadLabelDetector()
  jpeg = await photo('grace_hopper.jpg')
  png = await photo('chelsea.png')
})

describe('images that are not JPEG or PNG', () => {
  const heicHeader = Buffer.concat([
    Buffer.from([0, 0, 0, 0x18]),
    Buffer.from('ftypheic\0\0\0\0mif1heic', 'latin1'),
    Buffer.alloc(200),
  ])

  it.each([
    ['zero bytes', () => Promise.resolve(Buffer.alloc(0))],
    ['text named .jpg', () => Promise.resolve(Buffer.from('Not a photo, just a text file.\n'))],
    ['WebP', () => solid(200, 200).webp().toBuffer()],
    ['GIF', () => solid(200, 200).gif().toBuffer()],
    ['TIFF', () => solid(200, 200).tiff().toBuffer()],
    ['AVIF (HEIF container)', () => solid(200, 200).avif().toBuffer()],
    ['HEIC header', () => Promise.resolve(heicHeader)],
  ])('refuses %s with InvalidImageFormatException', async (_, make) => {
    expect(await errorCodeOf(detector.detectLabels(await make(), {}))).toBe(
      'InvalidImageFormatException',
    )
  })
})

describe('damaged JPEG and PNG files', () => {
  const damage = (bytes: Buffer, from: number, every: number) => {
    const copy = Buffer.from(bytes)
    for (let index = from; index < copy.length - from; index += every) copy[index] = ~copy[index]!
    return copy
  }

  it.each([
    ['a JPEG cut in half', () => jpeg.subarray(0, jpeg.length / 2)],
    ['a JPEG with only its first 700 bytes', () => jpeg.subarray(0, 700)],
    ['a JPEG with damaged image data', () => damage(jpeg, 2000, 7)],
    ['JPEG magic bytes followed by text', () => Buffer.from('\xff\xd8\xff not really', 'latin1')],
    ['a PNG cut in half', () => png.subarray(0, png.length / 2)],
    ['a PNG with damaged image data', () => damage(png, 1000, 13)],
  ])('refuses %s with InvalidImageFormatException', async (_, make) => {
    expect(await errorCodeOf(detector.detectLabels(make(), {}))).toBe('InvalidImageFormatException')
  })
})

describe('image sizes', () => {
  it.each([
    [79, 79, 'InvalidParameterException'],
    [79, 500, 'InvalidParameterException'],
    [500, 79, 'InvalidParameterException'],
    [12_000, 100, 'ImageTooLargeException'],
    [100, 12_000, 'ImageTooLargeException'],
    [10_001, 80, 'ImageTooLargeException'],
  ])('refuses a %i×%i PNG with %s', async (width, height, code) => {
    const image = await solid(width, height).png().toBuffer()
    expect(await errorCodeOf(detector.detectLabels(image, {}))).toBe(code)
  })

  it('refuses a JPEG over 10,000 px from its header', async () => {
    const image = await solid(10_050, 90).jpeg().toBuffer()
    expect(await errorCodeOf(detector.detectLabels(image, {}))).toBe('ImageTooLargeException')
  })

  it.each([
    [80, 80],
    [10_000, 80],
  ])('accepts a %i×%i PNG', async (width, height) => {
    const image = await solid(width, height).png().toBuffer()
    const response = await detector.detectLabels(image, {})
    expect(response.Labels).toEqual([])
  })
})

it('keeps answering after bad input', async () => {
  await errorCodeOf(detector.detectLabels(Buffer.from('junk'), {}))
  const response = await detector.detectLabels(png, {})
  expect((response.Labels as { Name: string }[]).map((label) => label.Name)).toContain('Cat')
})
