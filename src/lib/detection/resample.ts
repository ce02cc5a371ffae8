// The letterboxed model input made from decoded pixels, by one resampler that the local
// endpoint and the browser share. Scaling is where platforms differ most (sharp's Lanczos vs
// a canvas's own filter), and a detection near the threshold can flip on it; with the same
// code on the same pixels, the device answers as the local endpoint does.
import type { Letterbox } from './letterbox'
import type { PixelImage } from './pixels'

/** The letterbox padding (YOLO's mid-grey). */
export const PAD_VALUE = 114

interface AxisWeights {
  /** First source index for each output index. */
  starts: Int32Array
  /** Number of taps for each output index. */
  counts: Int32Array
  /** `maxTaps` weights per output index, normalised to sum 1. */
  weights: Float32Array
  maxTaps: number
}

/**
 * Triangle (linear) filter weights, widened by the scale factor when shrinking so every source
 * pixel counts (antialiasing), as Pillow's bilinear resize does.
 */
function axisWeights(sourceSize: number, targetSize: number): AxisWeights {
  const scale = sourceSize / targetSize
  const support = Math.max(1, scale)
  const maxTaps = Math.ceil(support) * 2 + 1
  const starts = new Int32Array(targetSize)
  const counts = new Int32Array(targetSize)
  const weights = new Float32Array(targetSize * maxTaps)
  for (let out = 0; out < targetSize; out++) {
    const centre = (out + 0.5) * scale
    const first = Math.max(0, Math.floor(centre - support))
    const last = Math.min(sourceSize - 1, Math.ceil(centre + support))
    let total = 0
    let taps = 0
    for (let index = first; index <= last && taps < maxTaps; index++, taps++) {
      const distance = Math.abs(index + 0.5 - centre) / support
      const weight = Math.max(0, 1 - distance)
      weights[out * maxTaps + taps] = weight
      total += weight
    }
    for (let tap = 0; tap < taps; tap++) {
      weights[out * maxTaps + tap] = (weights[out * maxTaps + tap] ?? 0) / (total || 1)
    }
    starts[out] = first
    counts[out] = taps
  }
  return { starts, counts, weights, maxTaps }
}

/**
 * Half the size, each pixel the mean of a 2×2 block (a last odd row or column averages what it
 * has): RGB out.
 */
function halveToRgb(image: PixelImage): PixelImage {
  const { data, channels, width, height } = image
  const halfWidth = Math.ceil(width / 2)
  const halfHeight = Math.ceil(height / 2)
  const output = new Uint8Array(halfWidth * halfHeight * 3)
  const rowStride = width * channels
  for (let y = 0; y < halfHeight; y++) {
    const top = 2 * y * rowStride
    // A last odd row is read twice, so it counts alone.
    const bottom = 2 * y + 1 < height ? top + rowStride : top
    let target = y * halfWidth * 3
    for (let x = 0; x < halfWidth; x++) {
      const left = 2 * x * channels
      // Likewise a last odd column.
      const right = 2 * x + 1 < width ? left + channels : left
      for (let channel = 0; channel < 3; channel++) {
        const sum =
          (data[top + left + channel] ?? 0) +
          (data[top + right + channel] ?? 0) +
          (data[bottom + left + channel] ?? 0) +
          (data[bottom + right + channel] ?? 0)
        output[target++] = (sum + 2) >> 2
      }
    }
  }
  return { data: output, width: halfWidth, height: halfHeight, channels: 3 }
}

/**
 * Scales RGB or RGBA pixels to `width` × `height` RGB. A photo twice the target or more on both
 * sides is first halved (2×2 means) until it is not: the filter below then reads a quarter as
 * many pixels for each halving, and still sees each of them (a 12 MP phone photo prepared at
 * 2016×1512, to the model's 512 px: 41 → 27 ms here).
 */
export function resizeToRgb(source: PixelImage, width: number, height: number): Uint8Array {
  let image = source
  while (image.width >= width * 2 && image.height >= height * 2) image = halveToRgb(image)
  const { data, channels } = image
  const horizontal = axisWeights(image.width, width)
  const vertical = axisWeights(image.height, height)
  // Rows first, into floats; then columns, rounded into bytes.
  const rows = new Float32Array(image.height * width * 3)
  for (let y = 0; y < image.height; y++) {
    const rowStart = y * image.width
    for (let x = 0; x < width; x++) {
      const start = horizontal.starts[x] ?? 0
      const taps = horizontal.counts[x] ?? 0
      let red = 0
      let green = 0
      let blue = 0
      for (let tap = 0; tap < taps; tap++) {
        const weight = horizontal.weights[x * horizontal.maxTaps + tap] ?? 0
        const offset = (rowStart + start + tap) * channels
        red += (data[offset] ?? 0) * weight
        green += (data[offset + 1] ?? 0) * weight
        blue += (data[offset + 2] ?? 0) * weight
      }
      const target = (y * width + x) * 3
      rows[target] = red
      rows[target + 1] = green
      rows[target + 2] = blue
    }
  }
  const output = new Uint8Array(width * height * 3)
  for (let y = 0; y < height; y++) {
    const start = vertical.starts[y] ?? 0
    const taps = vertical.counts[y] ?? 0
    for (let x = 0; x < width; x++) {
      let red = 0
      let green = 0
      let blue = 0
      for (let tap = 0; tap < taps; tap++) {
        const weight = vertical.weights[y * vertical.maxTaps + tap] ?? 0
        const offset = ((start + tap) * width + x) * 3
        red += (rows[offset] ?? 0) * weight
        green += (rows[offset + 1] ?? 0) * weight
        blue += (rows[offset + 2] ?? 0) * weight
      }
      const target = (y * width + x) * 3
      output[target] = Math.min(255, Math.max(0, Math.round(red)))
      output[target + 1] = Math.min(255, Math.max(0, Math.round(green)))
      output[target + 2] = Math.min(255, Math.max(0, Math.round(blue)))
    }
  }
  return output
}

/** The photo scaled into the square model input and padded as the letterbox says: RGB. */
export function letterboxRgb(image: PixelImage, letterbox: Letterbox): Uint8Array {
  const { inputSize, resizedWidth, resizedHeight, padLeft, padTop } = letterbox
  const resized = resizeToRgb(image, resizedWidth, resizedHeight)
  const input = new Uint8Array(inputSize * inputSize * 3).fill(PAD_VALUE)
  for (let y = 0; y < resizedHeight; y++) {
    const from = y * resizedWidth * 3
    input.set(
      resized.subarray(from, from + resizedWidth * 3),
      ((padTop + y) * inputSize + padLeft) * 3,
    )
  }
  return input
}
