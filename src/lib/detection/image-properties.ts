// DetectLabels' ImageProperties computed from the pixels. Foreground is the union of the boxes
// of the objects found (instances at or above MinConfidence); background is every other pixel.
// With no object found, or when the boxes cover the whole photo, the split is left out.
import { hexCode, nearestCssColor, simplifiedColor } from './color-names'
import { dominantColors, type ColorCluster } from './dominant-colors'
import { measureQuality, qualityMaps, type QualityMaps } from './image-quality'
import type { PixelImage } from './pixels'
import type { NormalizedBox } from './types'
import type { WireDominantColor, WireImageProperties, WireRegionProperties } from './wire'

/** Below this share of the pixels a region is too small to describe. */
const MIN_REGION_SHARE = 0.01

const round = (value: number, digits: number): number => {
  const factor = 10 ** digits
  return Math.round(value * factor) / factor
}

export function toWireColor(cluster: ColorCluster): WireDominantColor {
  return {
    Red: cluster.red,
    Green: cluster.green,
    Blue: cluster.blue,
    HexCode: hexCode(cluster),
    CSSColor: nearestCssColor(cluster),
    SimplifiedColor: simplifiedColor(cluster),
    PixelPercent: round(cluster.pixelPercent, 2),
  }
}

/** Marks each pixel whose centre lies inside any of the boxes. */
export function boxMask(
  width: number,
  height: number,
  boxes: readonly NormalizedBox[],
): Uint8Array {
  const mask = new Uint8Array(width * height)
  const firstCentreFrom = (edge: number, size: number): number =>
    Math.min(size, Math.max(0, Math.ceil(edge * size - 0.5)))
  for (const box of boxes) {
    const left = firstCentreFrom(box.left, width)
    const top = firstCentreFrom(box.top, height)
    const right = firstCentreFrom(box.left + box.width, width)
    const bottom = firstCentreFrom(box.top + box.height, height)
    for (let y = top; y < bottom; y++) mask.fill(1, y * width + left, y * width + right)
  }
  return mask
}

function region(
  image: PixelImage,
  maps: QualityMaps,
  include: (pixel: number) => boolean,
  maxColors: number,
): WireRegionProperties {
  const quality = measureQuality(maps, include)
  return {
    Quality: { Brightness: round(quality.brightness, 2), Sharpness: round(quality.sharpness, 2) },
    DominantColors: dominantColors(image, maxColors, include).map(toWireColor),
  }
}

export function imageProperties(
  image: PixelImage,
  objectBoxes: readonly NormalizedBox[],
  maxColors: number,
): WireImageProperties {
  const maps = qualityMaps(image)
  const quality = measureQuality(maps)
  const properties: WireImageProperties = {
    Quality: {
      Brightness: round(quality.brightness, 2),
      Sharpness: round(quality.sharpness, 2),
      Contrast: round(quality.contrast, 2),
    },
    DominantColors: dominantColors(image, maxColors).map(toWireColor),
  }
  const mask = boxMask(image.width, image.height, objectBoxes)
  const foregroundShare = mask.reduce((sum, value) => sum + value, 0) / mask.length
  if (foregroundShare >= MIN_REGION_SHARE && 1 - foregroundShare >= MIN_REGION_SHARE) {
    properties.Foreground = region(image, maps, (pixel) => mask[pixel] === 1, maxColors)
    properties.Background = region(image, maps, (pixel) => mask[pixel] === 0, maxColors)
  }
  return properties
}

/** Dominant colours inside one box: what an instance's DominantColors holds. */
export function boxColors(
  image: PixelImage,
  box: NormalizedBox,
  maxColors: number,
): WireDominantColor[] {
  const mask = boxMask(image.width, image.height, [box])
  return dominantColors(image, maxColors, (pixel) => mask[pixel] === 1).map(toWireColor)
}
