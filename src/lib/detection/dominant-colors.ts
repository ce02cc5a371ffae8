// Dominant colours by weighted k-means over a colour histogram. Pixels are first counted into
// 4-bit-per-channel bins (4,096 at most), so k-means costs the same for any image size; the
// starting centres are chosen deterministically (heaviest bin, then farthest-weighted), so the
// same photo always gives the same answer.
import type { Rgb } from './color-names'
import type { PixelImage } from './pixels'

export interface ColorCluster extends Rgb {
  /** Share of the counted pixels, 0–100. */
  pixelPercent: number
}

const BITS = 4
const LEVELS = 1 << BITS
const ITERATIONS = 12

interface Bin {
  red: number
  green: number
  blue: number
  weight: number
}

/** Counts pixels (where `include(pixel)` is true) into bins holding their mean colour. */
function histogram(image: PixelImage, include: (pixel: number) => boolean): Bin[] {
  const size = LEVELS * LEVELS * LEVELS
  const sums = new Float64Array(size * 3)
  const counts = new Float64Array(size)
  const pixels = image.width * image.height
  for (let pixel = 0; pixel < pixels; pixel++) {
    if (!include(pixel)) continue
    const offset = pixel * image.channels
    const red = image.data[offset] ?? 0
    const green = image.data[offset + 1] ?? 0
    const blue = image.data[offset + 2] ?? 0
    const bin =
      ((red >> (8 - BITS)) * LEVELS + (green >> (8 - BITS))) * LEVELS + (blue >> (8 - BITS))
    sums[bin * 3] = (sums[bin * 3] ?? 0) + red
    sums[bin * 3 + 1] = (sums[bin * 3 + 1] ?? 0) + green
    sums[bin * 3 + 2] = (sums[bin * 3 + 2] ?? 0) + blue
    counts[bin] = (counts[bin] ?? 0) + 1
  }
  const bins: Bin[] = []
  for (let bin = 0; bin < size; bin++) {
    const weight = counts[bin] ?? 0
    if (weight === 0) continue
    bins.push({
      red: (sums[bin * 3] ?? 0) / weight,
      green: (sums[bin * 3 + 1] ?? 0) / weight,
      blue: (sums[bin * 3 + 2] ?? 0) / weight,
      weight,
    })
  }
  return bins
}

const distanceSquared = (a: Rgb, b: Rgb): number =>
  (a.red - b.red) ** 2 + (a.green - b.green) ** 2 + (a.blue - b.blue) ** 2

function initialCentres(bins: readonly Bin[], count: number): Rgb[] {
  const heaviest = bins.reduce((best, bin) => (bin.weight > best.weight ? bin : best))
  const centres: Rgb[] = [heaviest]
  while (centres.length < count) {
    let best: Bin | undefined
    let bestScore = 0
    for (const bin of bins) {
      const nearest = Math.min(...centres.map((centre) => distanceSquared(bin, centre)))
      const score = bin.weight * nearest
      if (score > bestScore) {
        bestScore = score
        best = bin
      }
    }
    // Every bin already sits on a centre: fewer distinct colours than asked for.
    if (best === undefined) break
    centres.push(best)
  }
  return centres.map(({ red, green, blue }) => ({ red, green, blue }))
}

/**
 * Up to `maxColors` dominant colours of the pixels selected by `include`, most common first.
 * Percentages are of the selected pixels and add up to 100 over all clusters found.
 */
export function dominantColors(
  image: PixelImage,
  maxColors: number,
  include: (pixel: number) => boolean = () => true,
): ColorCluster[] {
  if (maxColors <= 0) return []
  const bins = histogram(image, include)
  if (bins.length === 0) return []
  const centres = initialCentres(bins, maxColors)
  const assignment = new Int32Array(bins.length)
  for (let iteration = 0; iteration < ITERATIONS; iteration++) {
    bins.forEach((bin, index) => {
      let nearest = 0
      let nearestDistance = Number.POSITIVE_INFINITY
      centres.forEach((centre, centreIndex) => {
        const distance = distanceSquared(bin, centre)
        if (distance < nearestDistance) {
          nearestDistance = distance
          nearest = centreIndex
        }
      })
      assignment[index] = nearest
    })
    const sums = centres.map(() => ({ red: 0, green: 0, blue: 0, weight: 0 }))
    bins.forEach((bin, index) => {
      const sum = sums[assignment[index] ?? 0]
      if (sum === undefined) return
      sum.red += bin.red * bin.weight
      sum.green += bin.green * bin.weight
      sum.blue += bin.blue * bin.weight
      sum.weight += bin.weight
    })
    sums.forEach((sum, index) => {
      if (sum.weight > 0) {
        centres[index] = {
          red: sum.red / sum.weight,
          green: sum.green / sum.weight,
          blue: sum.blue / sum.weight,
        }
      }
    })
  }
  const total = bins.reduce((sum, bin) => sum + bin.weight, 0)
  const weights = centres.map(() => 0)
  bins.forEach((bin, index) => {
    const cluster = assignment[index] ?? 0
    weights[cluster] = (weights[cluster] ?? 0) + bin.weight
  })
  return centres
    .map((centre, index) => ({
      red: Math.round(centre.red),
      green: Math.round(centre.green),
      blue: Math.round(centre.blue),
      pixelPercent: (100 * (weights[index] ?? 0)) / total,
    }))
    .filter((cluster) => cluster.pixelPercent > 0)
    .sort((a, b) => b.pixelPercent - a.pixelPercent)
}
