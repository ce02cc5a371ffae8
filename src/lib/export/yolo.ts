// YOLO detection labels: one text file per photo, one line per box, plus classes.txt.
import { classList, exportBoxes, roundTo } from './boxes'
import type { ExportPhoto } from './types'

export const YOLO_DECIMALS = 6

export interface YoloExport {
  /** Contents of classes.txt: line n is class index n. */
  classes: string[]
  /** One label file's text per photo, in the photos' order. */
  labels: string[]
}

const clamp01 = (value: number) => Math.min(1, Math.max(0, value))

function format(value: number): string {
  return clamp01(roundTo(value, YOLO_DECIMALS)).toFixed(YOLO_DECIMALS)
}

/**
 * `class x_center y_center width height`, all as fractions of the image with six decimals.
 * Boxes are clamped to the image first, so no value leaves 0–1 even for boxes Rekognition
 * reports past an edge; a box whose width or height rounds to 0 is dropped. The class list is
 * shared by all photos (see classList), so one classes.txt serves the whole export.
 */
export function toYolo(photos: ExportPhoto[]): YoloExport {
  const classes = classList(photos)
  const classIndex = new Map(classes.map((name, index) => [name, index]))
  const labels = photos.map((photo) => {
    const lines = exportBoxes(photo).flatMap((entry) => {
      const { left, top, width, height } = entry.box
      if (roundTo(width, YOLO_DECIMALS) <= 0 || roundTo(height, YOLO_DECIMALS) <= 0) return []
      const values = [left + width / 2, top + height / 2, width, height].map(format)
      return [`${classIndex.get(entry.source.label) ?? 0} ${values.join(' ')}`]
    })
    return lines.map((line) => `${line}\n`).join('')
  })
  return { classes, labels }
}

export function yoloClassesText(classes: string[]): string {
  return classes.map((name) => `${name}\n`).join('')
}
