import { thumbnailSize } from '../lib/photo-library'

/** A small JPEG of the photo for the gallery (long side THUMBNAIL_LONG_SIDE). */
export async function makeThumbnail(image: ImageBitmap, quality = 0.8): Promise<Uint8Array> {
  const { width, height } = thumbnailSize(image.width, image.height)
  let blob: Blob | null
  if (typeof OffscreenCanvas === 'function') {
    const canvas = new OffscreenCanvas(width, height)
    const context = canvas.getContext('2d')
    if (!context) throw new Error('This browser has no 2D canvas for thumbnails')
    context.drawImage(image, 0, 0, width, height)
    blob = await canvas.convertToBlob({ type: 'image/jpeg', quality })
  } else {
    const canvas = document.createElement('canvas')
    canvas.width = width
    canvas.height = height
    const context = canvas.getContext('2d')
    if (!context) throw new Error('This browser has no 2D canvas for thumbnails')
    context.drawImage(image, 0, 0, width, height)
    blob = await new Promise<Blob | null>((resolve) =>
      canvas.toBlob(resolve, 'image/jpeg', quality),
    )
  }
  if (!blob) throw new Error('The thumbnail could not be encoded')
  return new Uint8Array(await blob.arrayBuffer())
}
