/** Decoded pixels, row-major: 3 channels (RGB) or 4 (RGBA, as a canvas gives them). */
export interface PixelImage {
  data: ArrayLike<number>
  width: number
  height: number
  channels: 3 | 4
}

/** Rec. 601 luma per pixel, 0–255. */
export function lumaOf(image: PixelImage): Float32Array {
  const count = image.width * image.height
  const luma = new Float32Array(count)
  for (let pixel = 0; pixel < count; pixel++) {
    const offset = pixel * image.channels
    luma[pixel] =
      0.299 * (image.data[offset] ?? 0) +
      0.587 * (image.data[offset + 1] ?? 0) +
      0.114 * (image.data[offset + 2] ?? 0)
  }
  return luma
}

/** A region of decoded pixels (a panorama's tile), as an image of its own. */
export function cropPixels(
  image: PixelImage,
  region: { x: number; y: number; width: number; height: number },
): PixelImage {
  const { channels } = image
  const data = new Uint8Array(region.width * region.height * channels)
  for (let row = 0; row < region.height; row++) {
    const from = ((region.y + row) * image.width + region.x) * channels
    for (let offset = 0; offset < region.width * channels; offset++) {
      data[row * region.width * channels + offset] = image.data[from + offset] ?? 0
    }
  }
  return { data, width: region.width, height: region.height, channels }
}
