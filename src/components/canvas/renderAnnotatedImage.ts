// The annotated image for export: the photo at its full prepared resolution (scaled down only to
// stay within Safari's canvas limit) with its visible boxes and their tags, encoded as JPEG or PNG.
// Drawn off screen straight into one plain canvas of the output's size, so neither a layer
// canvas nor the device pixel ratio ever multiplies the pixel count past the limit. No Konva:
// a photo, some rectangles and the tags need nothing a 2D context does not have.
import { tagTexts } from '../../lib/canvas/tag'
import { layoutTags } from '../../lib/canvas/tag-layout'
import { annotatedExportSize } from '../../lib/export'
import type { PixelBox } from '../../lib/geometry'

export interface AnnotatedBox {
  label: string
  /** 0–100; null for a box the user drew. */
  confidence: number | null
  edited: boolean
  color: string
  /** In the photo's pixels, already clamped to it. */
  pixels: PixelBox
}

export interface AnnotatedImageInput {
  image: ImageBitmap | HTMLImageElement | HTMLCanvasElement
  /** The prepared photo's pixel size, which the boxes refer to. */
  width: number
  height: number
  /** Only the boxes to draw: the caller leaves hidden ones out. */
  boxes: readonly AnnotatedBox[]
  type: 'image/jpeg' | 'image/png'
  /** JPEG quality, 0–1. */
  quality?: number
  /** Pixel cap for the output; Safari's limit unless a test needs a smaller one. */
  maxPixels?: number
}

export interface AnnotatedImage {
  blob: Blob
  width: number
  height: number
}

const TAG_FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif"

/** Outline and tag sizes grow with the picture, so they read the same on any resolution. */
function strokeFor(width: number, height: number) {
  const long = Math.max(width, height)
  return {
    stroke: Math.max(2, Math.round(long / 500)),
    fontSize: Math.max(12, Math.round(long / 55)),
  }
}

function drawTags(
  context: CanvasRenderingContext2D,
  boxes: readonly AnnotatedBox[],
  scale: number,
  size: { width: number; height: number },
  fontSize: number,
) {
  context.font = `600 ${fontSize}px ${TAG_FONT_FAMILY}`
  context.textBaseline = 'middle'
  const padding = Math.round(fontSize * 0.35)
  const tagHeight = Math.round(fontSize * 1.45)
  // The same rule as on screen, at the picture's own resolution: no two tags overlap.
  const placements = layoutTags(
    boxes.map((box) => ({
      box: {
        x: box.pixels.x * scale,
        y: box.pixels.y * scale,
        width: box.pixels.width * scale,
        height: box.pixels.height * scale,
      },
      texts: tagTexts(box.label, box.confidence, box.edited),
      confidence: box.confidence,
    })),
    {
      measure: (text) => context.measureText(text).width,
      height: tagHeight,
      padding,
      bounds: { x: 0, y: 0, width: size.width, height: size.height },
    },
  )
  placements.forEach((placement, index) => {
    const box = boxes[index]
    if (!placement.shown || !box) return
    const { rect, text } = placement
    context.fillStyle = box.color
    context.fillRect(rect.x, rect.y, rect.width, rect.height)
    context.fillStyle = '#0b1020'
    context.fillText(text, rect.x + padding, rect.y + tagHeight / 2)
  })
}

function encode(canvas: HTMLCanvasElement, type: string, quality: number): Promise<Blob> {
  return new Promise((resolve, reject) => {
    canvas.toBlob(
      (blob) =>
        blob ? resolve(blob) : reject(new Error('The annotated image could not be encoded')),
      type,
      quality,
    )
  })
}

export async function renderAnnotatedImage(input: AnnotatedImageInput): Promise<AnnotatedImage> {
  const size = annotatedExportSize(input.width, input.height, input.maxPixels)
  const { stroke, fontSize } = strokeFor(size.width, size.height)
  const canvas = document.createElement('canvas')
  canvas.width = size.width
  canvas.height = size.height
  const context = canvas.getContext('2d')
  if (!context) throw new Error('The annotated image could not be drawn: no 2D canvas')
  context.drawImage(input.image, 0, 0, size.width, size.height)
  context.lineWidth = stroke
  for (const box of input.boxes) {
    // Inset by half the stroke so the whole outline stays on the picture at its edges.
    const x = box.pixels.x * size.scale
    const y = box.pixels.y * size.scale
    const right = Math.min(size.width, (box.pixels.x + box.pixels.width) * size.scale)
    const bottom = Math.min(size.height, (box.pixels.y + box.pixels.height) * size.scale)
    const half = stroke / 2
    context.strokeStyle = box.color
    context.strokeRect(
      Math.max(half, x + half),
      Math.max(half, y + half),
      Math.max(1, right - x - stroke),
      Math.max(1, bottom - y - stroke),
    )
  }
  drawTags(context, input.boxes, size.scale, size, fontSize)
  try {
    // JPEG has no transparency: the photo covers every pixel, so nothing turns black.
    const blob = await encode(canvas, input.type, input.quality ?? 0.92)
    return { blob, width: canvas.width, height: canvas.height }
  } finally {
    // Free the pixels at once rather than when the collector gets to them: they can be 16 MP.
    canvas.width = 0
    canvas.height = 0
  }
}
