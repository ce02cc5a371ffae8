// Letterboxing keeps the photo's aspect ratio inside the square model input, so objects are not
// stretched; boxes found on the input are mapped back to the photo with the inverse transform.
import type { NormalizedBox, PixelBox } from './types'

export interface Letterbox {
  /** Size of the square model input, in pixels. */
  inputSize: number
  /** Source pixels → input pixels. */
  scale: number
  /** Size of the resized photo inside the input. */
  resizedWidth: number
  resizedHeight: number
  /** Padding before the photo (left, top); the rest of the padding goes after it. */
  padLeft: number
  padTop: number
  sourceWidth: number
  sourceHeight: number
}

export function computeLetterbox(
  sourceWidth: number,
  sourceHeight: number,
  inputSize: number,
): Letterbox {
  if (!(sourceWidth > 0 && sourceHeight > 0 && inputSize > 0)) {
    throw new RangeError('Letterbox sizes must be positive')
  }
  const scale = Math.min(inputSize / sourceWidth, inputSize / sourceHeight)
  const resizedWidth = Math.max(1, Math.min(inputSize, Math.round(sourceWidth * scale)))
  const resizedHeight = Math.max(1, Math.min(inputSize, Math.round(sourceHeight * scale)))
  return {
    inputSize,
    scale,
    resizedWidth,
    resizedHeight,
    padLeft: Math.floor((inputSize - resizedWidth) / 2),
    padTop: Math.floor((inputSize - resizedHeight) / 2),
    sourceWidth,
    sourceHeight,
  }
}

/** A box on the photo (source pixels) → the same region on the model input. */
export function sourceToInput(box: PixelBox, letterbox: Letterbox): PixelBox {
  const scaleX = letterbox.resizedWidth / letterbox.sourceWidth
  const scaleY = letterbox.resizedHeight / letterbox.sourceHeight
  return {
    x: box.x * scaleX + letterbox.padLeft,
    y: box.y * scaleY + letterbox.padTop,
    width: box.width * scaleX,
    height: box.height * scaleY,
  }
}

/** A box on the model input → the photo in source pixels (not clamped). */
export function inputToSource(box: PixelBox, letterbox: Letterbox): PixelBox {
  // The resized size is rounded, so each axis has its own exact factor.
  const scaleX = letterbox.sourceWidth / letterbox.resizedWidth
  const scaleY = letterbox.sourceHeight / letterbox.resizedHeight
  return {
    x: (box.x - letterbox.padLeft) * scaleX,
    y: (box.y - letterbox.padTop) * scaleY,
    width: box.width * scaleX,
    height: box.height * scaleY,
  }
}

const clamp01 = (value: number): number => Math.min(1, Math.max(0, value))

/** A box on the model input → fractions of the photo, clamped to the photo. */
export function inputToNormalized(box: PixelBox, letterbox: Letterbox): NormalizedBox {
  const source = inputToSource(box, letterbox)
  const left = clamp01(source.x / letterbox.sourceWidth)
  const top = clamp01(source.y / letterbox.sourceHeight)
  const right = clamp01((source.x + source.width) / letterbox.sourceWidth)
  const bottom = clamp01((source.y + source.height) / letterbox.sourceHeight)
  return { left, top, width: Math.max(0, right - left), height: Math.max(0, bottom - top) }
}
