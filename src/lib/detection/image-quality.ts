// Quality figures on a 0–100 scale, from the luma of the (downscaled) photo:
// - Brightness: mean luma / 255.
// - Contrast: RMS contrast, the luma standard deviation / 127.5 (127.5 = half black, half white).
// - Sharpness: variance of the 4-neighbour Laplacian of luma, mapped through v / (v + K). Blur
//   removes high frequencies, so the Laplacian's variance falls; K sets where the scale reaches 50.
import { lumaOf, type PixelImage } from './pixels'

export const SHARPNESS_HALF_POINT = 200

export interface QualityMeasures {
  brightness: number
  contrast: number
  sharpness: number
}

/** Luma and Laplacian maps of an image, computed once and shared by every region's figures. */
export interface QualityMaps {
  width: number
  height: number
  luma: Float32Array
  /** NaN on the border, where the 4-neighbour Laplacian is undefined. */
  laplacian: Float32Array
}

export function qualityMaps(image: PixelImage): QualityMaps {
  const { width, height } = image
  const luma = lumaOf(image)
  const laplacian = new Float32Array(width * height).fill(Number.NaN)
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const index = y * width + x
      laplacian[index] =
        (luma[index - 1] ?? 0) +
        (luma[index + 1] ?? 0) +
        (luma[index - width] ?? 0) +
        (luma[index + width] ?? 0) -
        4 * (luma[index] ?? 0)
    }
  }
  return { width, height, luma, laplacian }
}

const clampPercent = (value: number): number => Math.min(100, Math.max(0, value))

/** Quality of the pixels `include` selects (all of them by default). */
export function measureQuality(
  maps: QualityMaps,
  include: (pixel: number) => boolean = () => true,
): QualityMeasures {
  let count = 0
  let sum = 0
  let sumSquares = 0
  let laplacianCount = 0
  let laplacianSum = 0
  let laplacianSquares = 0
  for (let pixel = 0; pixel < maps.luma.length; pixel++) {
    if (!include(pixel)) continue
    const value = maps.luma[pixel] ?? 0
    count++
    sum += value
    sumSquares += value * value
    const edge = maps.laplacian[pixel] ?? Number.NaN
    if (!Number.isNaN(edge)) {
      laplacianCount++
      laplacianSum += edge
      laplacianSquares += edge * edge
    }
  }
  if (count === 0) return { brightness: 0, contrast: 0, sharpness: 0 }
  const mean = sum / count
  const deviation = Math.sqrt(Math.max(0, sumSquares / count - mean * mean))
  const laplacianMean = laplacianCount > 0 ? laplacianSum / laplacianCount : 0
  const laplacianVariance =
    laplacianCount > 0 ? Math.max(0, laplacianSquares / laplacianCount - laplacianMean ** 2) : 0
  return {
    brightness: clampPercent((100 * mean) / 255),
    contrast: clampPercent((100 * deviation) / 127.5),
    sharpness: clampPercent((100 * laplacianVariance) / (laplacianVariance + SHARPNESS_HALF_POINT)),
  }
}
