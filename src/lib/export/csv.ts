// One CSV row per exported box across all photos, for spreadsheets and quick scripts.
import { exportBoxes, roundTo, roundedPixels, uniqueFileNames } from './boxes'
import type { ExportPhoto } from './types'

export const CSV_HEADER = [
  'photo',
  'label',
  'confidence',
  'source',
  'x_px',
  'y_px',
  'width_px',
  'height_px',
  'left',
  'top',
  'width',
  'height',
]

/**
 * A spreadsheet runs a cell that starts with = + - @ (or tab / carriage return) as a formula,
 * so text from users (file names, labels) that starts so gets a leading apostrophe (OWASP's
 * advice). Numbers we write are never negative, so they are never touched.
 */
export function neutralizeFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
}

/** RFC 4180: quote a field holding a comma, quote, CR or LF, doubling inner quotes. */
export function csvField(value: string | number): string {
  const text = typeof value === 'number' ? String(value) : neutralizeFormula(value)
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/**
 * Columns: photo, label, confidence (0–100, empty for user-drawn boxes), source, the box in
 * pixels (x, y, width, height; two decimals) and as fractions of the image (six decimals).
 * Lines end in CRLF as RFC 4180 asks.
 */
export function toCsv(photos: ExportPhoto[]): string {
  const fileNames = uniqueFileNames(photos)
  const rows: (string | number)[][] = [CSV_HEADER]
  photos.forEach((photo, index) => {
    for (const entry of exportBoxes(photo)) {
      const pixels = roundedPixels(entry, photo, 2)
      rows.push([
        fileNames[index] ?? photo.fileName,
        entry.source.label,
        entry.source.confidence === null ? '' : roundTo(entry.source.confidence, 3),
        entry.source.source,
        pixels.x,
        pixels.y,
        pixels.width,
        pixels.height,
        roundTo(entry.box.left, 6),
        roundTo(entry.box.top, 6),
        roundTo(entry.box.width, 6),
        roundTo(entry.box.height, 6),
      ])
    }
  })
  return rows.map((row) => row.map(csvField).join(',') + '\r\n').join('')
}
