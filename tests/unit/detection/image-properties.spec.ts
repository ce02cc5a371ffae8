import { describe, expect, it } from 'vitest'
import { dominantColors } from '../../../src/lib/detection/dominant-colors'
import { boxColors, boxMask, imageProperties } from '../../../src/lib/detection/image-properties'
import { measureQuality, qualityMaps } from '../../../src/lib/detection/image-quality'
import type { PixelImage } from '../../../src/lib/detection/pixels'

type Paint = (x: number, y: number) => [number, number, number]

function paint(width: number, height: number, colorAt: Paint, channels: 3 | 4 = 3): PixelImage {
  const data = new Uint8Array(width * height * channels)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      data.set(colorAt(x, y), (y * width + x) * channels)
      if (channels === 4) data[(y * width + x) * channels + 3] = 255
    }
  }
  return { data, width, height, channels }
}

describe('dominantColors', () => {
  it('finds one colour covering a solid image, RGB or RGBA', () => {
    for (const channels of [3, 4] as const) {
      const colors = dominantColors(
        paint(40, 30, () => [200, 30, 40], channels),
        10,
      )
      expect(colors).toEqual([{ red: 200, green: 30, blue: 40, pixelPercent: 100 }])
    }
  })

  it('splits a two-colour image by area, largest first', () => {
    const image = paint(100, 10, (x) => (x < 75 ? [0, 0, 255] : [255, 255, 0]))
    const colors = dominantColors(image, 5)
    expect(colors.map((color) => [color.blue, Math.round(color.pixelPercent)])).toEqual([
      [255, 75],
      [0, 25],
    ])
  })

  it('returns at most the number asked for, with percentages of all pixels', () => {
    const image = paint(60, 60, (x, y) => [x * 4, y * 4, (x + y) * 2])
    const colors = dominantColors(image, 3)
    expect(colors).toHaveLength(3)
    const total = colors.reduce((sum, color) => sum + color.pixelPercent, 0)
    expect(total).toBeCloseTo(100, 6)
    expect(dominantColors(image, 0)).toEqual([])
  })
})

describe('measureQuality', () => {
  const flat = (level: number) => paint(64, 64, () => [level, level, level])
  const checker = paint(64, 64, (x, y) => ((x + y) % 2 === 0 ? [0, 0, 0] : [255, 255, 255]))
  const gradient = paint(64, 64, (x) => [x * 4, x * 4, x * 4])

  it('orders brightness dark < light, on a 0–100 scale', () => {
    expect(measureQuality(qualityMaps(flat(0))).brightness).toBe(0)
    expect(measureQuality(qualityMaps(flat(255))).brightness).toBe(100)
    expect(measureQuality(qualityMaps(flat(60))).brightness).toBeLessThan(
      measureQuality(qualityMaps(flat(180))).brightness,
    )
  })

  it('gives a flat image no contrast or sharpness and a checkerboard the most', () => {
    expect(measureQuality(qualityMaps(flat(128)))).toMatchObject({ contrast: 0, sharpness: 0 })
    const sharp = measureQuality(qualityMaps(checker))
    expect(sharp.contrast).toBeCloseTo(100, 0)
    expect(sharp.sharpness).toBeGreaterThan(99)
    expect(measureQuality(qualityMaps(gradient)).sharpness).toBeLessThan(1)
  })

  it('measures only the selected pixels', () => {
    const half = paint(64, 64, (x) => (x < 32 ? [0, 0, 0] : [255, 255, 255]))
    const maps = qualityMaps(half)
    expect(measureQuality(maps, (pixel) => pixel % 64 >= 32).brightness).toBe(100)
  })
})

describe('imageProperties', () => {
  // Red square object on a blue background.
  const image = paint(100, 100, (x, y) =>
    x >= 20 && x < 60 && y >= 30 && y < 70 ? [230, 10, 10] : [10, 10, 230],
  )
  const objectBox = { left: 0.2, top: 0.3, width: 0.4, height: 0.4 }

  it('splits foreground (the object boxes) from background', () => {
    const properties = imageProperties(image, [objectBox], 10)
    expect(properties.DominantColors.map((color) => color.SimplifiedColor)).toEqual(['blue', 'red'])
    expect(properties.DominantColors[0]?.PixelPercent).toBe(84)
    expect(properties.Foreground?.DominantColors[0]).toMatchObject({
      HexCode: '#e60a0a',
      SimplifiedColor: 'red',
      PixelPercent: 100,
    })
    expect(properties.Background?.DominantColors[0]?.SimplifiedColor).toBe('blue')
  })

  it('leaves the split out when nothing was found', () => {
    const properties = imageProperties(image, [], 10)
    expect(properties.Foreground).toBeUndefined()
    expect(properties.Background).toBeUndefined()
  })

  it('honours the colour count and colours one box', () => {
    expect(imageProperties(image, [], 1).DominantColors).toHaveLength(1)
    expect(boxColors(image, objectBox, 5).map((color) => color.CSSColor)).toEqual(['red'])
  })

  it('masks the pixels a box covers, clamped to the image', () => {
    const mask = boxMask(10, 10, [{ left: 0.5, top: -0.2, width: 0.9, height: 0.5 }])
    expect(mask.reduce((sum, value) => sum + value, 0)).toBe(5 * 3)
  })
})
