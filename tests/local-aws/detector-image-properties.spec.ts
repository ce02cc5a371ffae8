// IMAGE_PROPERTIES measured from real pixels: generated images with known answers, and photos.
import { readFile } from 'node:fs/promises'
import sharp from 'sharp'
import { beforeAll, describe, expect, it } from 'vitest'
import { loadLabelDetector, type LabelDetector } from '../../local-aws/detector/index.ts'
import type { WireImageProperties, WireLabel } from '../../src/lib/detection/wire.ts'

const photo = (name: string) => readFile(new URL(`../fixtures/photos/${name}`, import.meta.url))

const solidPng = (r: number, g: number, b: number) =>
  sharp({ create: { width: 160, height: 120, channels: 3, background: { r, g, b } } })
    .png()
    .toBuffer()

let detector: LabelDetector

async function propertiesOf(image: Buffer, maxColors?: number): Promise<WireImageProperties> {
  const response = await detector.detectLabels(image, {
    Features: ['IMAGE_PROPERTIES'],
    Settings: maxColors === undefined ? {} : { ImageProperties: { MaxDominantColors: maxColors } },
  })
  expect(response.ImageProperties).toBeDefined()
  return response.ImageProperties as WireImageProperties
}

beforeAll(async () => {
  detector = await loadLabelDetector()
})

describe('IMAGE_PROPERTIES', () => {
  it('finds a solid red image red, all of it', async () => {
    const properties = await propertiesOf(await solidPng(255, 0, 0))
    expect(properties.DominantColors).toEqual([
      {
        Red: 255,
        Green: 0,
        Blue: 0,
        HexCode: '#ff0000',
        CSSColor: 'red',
        SimplifiedColor: 'red',
        PixelPercent: 100,
      },
    ])
    expect(properties.Quality.Contrast).toBe(0)
  })

  it('orders brightness dark < mid < light', async () => {
    const dark = await propertiesOf(await solidPng(30, 30, 40))
    const mid = await propertiesOf(await solidPng(120, 120, 120))
    const light = await propertiesOf(await solidPng(230, 230, 220))
    expect(dark.Quality.Brightness).toBeLessThan(mid.Quality.Brightness)
    expect(mid.Quality.Brightness).toBeLessThan(light.Quality.Brightness)
    expect(dark.DominantColors[0]?.SimplifiedColor).toBe('black')
    expect(light.DominantColors[0]?.SimplifiedColor).toBe('white')
  })

  it('gives a blurred copy of a photo lower sharpness', async () => {
    const original = await photo('camera.png')
    const blurred = await sharp(original).blur(4).png().toBuffer()
    const sharpness = (await propertiesOf(original)).Quality.Sharpness
    expect(sharpness).toBeGreaterThan(50)
    expect((await propertiesOf(blurred)).Quality.Sharpness).toBeLessThan(sharpness / 2)
  })

  it('keeps every figure on a 0–100 scale and at most MaxDominantColors colours', async () => {
    const properties = await propertiesOf(await photo('astronaut.png'), 4)
    expect(properties.DominantColors).toHaveLength(4)
    const figures = [
      ...Object.values(properties.Quality),
      ...properties.DominantColors.map((color) => color.PixelPercent),
    ]
    for (const figure of figures) {
      expect(figure).toBeGreaterThanOrEqual(0)
      expect(figure).toBeLessThanOrEqual(100)
    }
    const percents = properties.DominantColors.map((color) => color.PixelPercent)
    expect(percents).toEqual([...percents].sort((a, b) => b - a))
    expect((await propertiesOf(await photo('astronaut.png'))).DominantColors).toHaveLength(10)
  })

  it('separates the sharp cat from the blurred background behind it', async () => {
    const properties = await propertiesOf(await photo('chelsea.png'))
    expect(properties.Foreground).toBeDefined()
    expect(properties.Background).toBeDefined()
    expect(properties.Foreground?.Quality.Sharpness).toBeGreaterThan(
      3 * (properties.Background?.Quality.Sharpness ?? 100),
    )
    expect(properties.Foreground?.DominantColors[0]?.SimplifiedColor).toBe('brown')
  })

  it('leaves out the foreground split when no object is found', async () => {
    const properties = await propertiesOf(await photo('rocket.jpg'))
    expect(properties.Foreground).toBeUndefined()
    expect(properties.DominantColors[0]?.SimplifiedColor).toBe('blue')
  })

  it('colours each instance when both features are asked, and only then', async () => {
    const image = await photo('grace_hopper.jpg')
    const both = await detector.detectLabels(image, {
      Features: ['GENERAL_LABELS', 'IMAGE_PROPERTIES'],
      Settings: { ImageProperties: { MaxDominantColors: 3 } },
    })
    const person = (both.Labels as WireLabel[]).find((label) => label.Name === 'Person')
    const colors = person?.Instances[0]?.DominantColors ?? []
    expect(colors.length).toBeGreaterThan(0)
    expect(colors.length).toBeLessThanOrEqual(3)
    // Her navy uniform is the largest colour inside her box.
    expect(colors[0]?.SimplifiedColor).toBe('black')
    const labelsOnly = await detector.detectLabels(image, {})
    const plain = (labelsOnly.Labels as WireLabel[]).find((label) => label.Name === 'Person')
    expect(plain?.Instances[0]?.DominantColors).toEqual([])
  })
})
