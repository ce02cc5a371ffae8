import { ref } from 'vue'
import type { AnalysisDocument } from '../lib/analysis-document'
import { asAppError, type AppError } from '../lib/app-errors'
import { labelColor } from '../lib/canvas/colors'
import {
  buildExportZip,
  exportBoxes,
  uniqueFileNames,
  type ExportFormat,
  type ExportPhoto,
} from '../lib/export'
import { useSessionStore } from '../stores/session'

/** One photo to export: the open photo passes what it has in memory, others are read back. */
export interface ExportSource {
  photoKey: string
  document?: AnalysisDocument
  image?: ImageBitmap
  /** The editor's review threshold for the open photo; others use their detection's own. */
  threshold?: number
}

export type AnnotatedImageType = 'jpg' | 'png'

/** Draws the annotated image (the canvas layer's renderAnnotatedImage, passed in by the UI). */
export type AnnotatedRenderer = (input: {
  image: ImageBitmap
  width: number
  height: number
  boxes: {
    label: string
    confidence: number | null
    edited: boolean
    color: string
    pixels: { x: number; y: number; width: number; height: number }
  }[]
  type: 'image/jpeg' | 'image/png'
}) => Promise<{ blob: Blob }>

export interface ExportRequest {
  sources: readonly ExportSource[]
  formats: readonly ExportFormat[]
  imageType: AnnotatedImageType
  renderAnnotated: AnnotatedRenderer
}

export interface ExportResult {
  fileName: string
  bytes: Uint8Array
  mimeType: string
  /** Photos left out because they have no saved analysis yet. */
  skipped: number
}

function stemOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.')
  return (dot > 0 ? fileName.slice(0, dot) : fileName) || 'photo'
}

/** Saves bytes as a file through the browser's download. */
export function downloadFile(bytes: Uint8Array, fileName: string, mimeType: string) {
  const url = URL.createObjectURL(new Blob([new Uint8Array(bytes)], { type: mimeType }))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.rel = 'noopener'
  document.body.append(link)
  link.click()
  link.remove()
  // Revoking at once can cancel the download in some browsers; a minute is plenty.
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}

/** Builds the export (one zip, or the image alone when that is all that was asked for). */
export function useExportZip() {
  const running = ref(false)
  const done = ref(0)
  const total = ref(0)
  const error = ref<AppError | null>(null)

  async function photoFor(
    source: ExportSource,
    request: ExportRequest,
  ): Promise<ExportPhoto | null> {
    const needsImage = request.formats.includes('annotated')
    const door = () => useSessionStore().door()
    const document =
      source.document ?? (await (await door()).readAnalysis(source.photoKey))?.document ?? null
    if (!document) return null
    const photo: ExportPhoto = {
      fileName: document.photo.originalName || 'photo.jpg',
      width: document.photo.width,
      height: document.photo.height,
      state: document.state,
      threshold: source.threshold ?? document.settings.minConfidence,
    }
    if (!needsImage) return photo
    let image = source.image
    let opened: ImageBitmap | null = null
    if (!image) {
      const bytes = await (await door()).getPhoto(source.photoKey)
      opened = await createImageBitmap(new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }))
      image = opened
    }
    if (!image) return photo
    try {
      const boxes = exportBoxes(photo).map((entry) => ({
        label: entry.source.label,
        confidence: entry.source.confidence,
        edited: entry.source.edited,
        color: labelColor(entry.source.label),
        pixels: entry.pixels,
      }))
      const rendered = await request.renderAnnotated({
        image,
        width: photo.width,
        height: photo.height,
        boxes,
        type: request.imageType === 'png' ? 'image/png' : 'image/jpeg',
      })
      photo.annotatedImage = {
        bytes: new Uint8Array(await rendered.blob.arrayBuffer()),
        extension: request.imageType,
      }
      return photo
    } finally {
      opened?.close()
    }
  }

  async function build(request: ExportRequest): Promise<ExportResult | null> {
    running.value = true
    error.value = null
    done.value = 0
    total.value = request.sources.length
    try {
      const photos: ExportPhoto[] = []
      // One photo at a time: full-size bitmaps and canvases are large on a phone.
      for (const source of request.sources) {
        const photo = await photoFor(source, request)
        if (photo) photos.push(photo)
        done.value += 1
      }
      const skipped = request.sources.length - photos.length
      const only = photos[0]
      const onlyImage = request.formats.length === 1 && request.formats[0] === 'annotated'
      if (photos.length === 1 && only?.annotatedImage && onlyImage) {
        const name = stemOf(uniqueFileNames(photos)[0] ?? 'photo')
        const { bytes, extension } = only.annotatedImage
        const mimeType = extension === 'png' ? 'image/png' : 'image/jpeg'
        return { fileName: `${name}-annotated.${extension}`, bytes, mimeType, skipped }
      }
      if (photos.length === 0) return null
      const bytes = buildExportZip(photos, [...request.formats])
      const fileName =
        photos.length === 1 && only
          ? `${stemOf(uniqueFileNames(photos)[0] ?? only.fileName)}-labels.zip`
          : `image-labels-${photos.length}-photos.zip`
      return { fileName, bytes, mimeType: 'application/zip', skipped }
    } catch (reason) {
      error.value = asAppError(reason)
      return null
    } finally {
      running.value = false
    }
  }

  return { running, done, total, error, build }
}
