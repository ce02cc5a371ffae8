// What every exporter shares: which boxes leave the app, where they are in pixels, and the one
// class list used across all photos of an export.
import type { LabelBox } from '../analysis'
import { clampNormalizedBox, type NormalizedBox, type PixelBox } from '../geometry'
import { shownBoxes } from '../visibility'
import type { ExportPhoto } from './types'

export interface ExportBox {
  source: LabelBox
  /** Clamped to the image. */
  box: NormalizedBox
  /** The clamped box in the photo's pixels, unrounded. */
  pixels: PixelBox
  /** True when the stored box reached or crossed an image edge (VOC "truncated"). */
  atEdge: boolean
}

/**
 * The boxes shown at the photo's threshold (lib/visibility.ts: the canvas draws the same ones),
 * clamped to the image; boxes with no area left after clamping are dropped.
 */
export function exportBoxes(photo: ExportPhoto): ExportBox[] {
  return shownBoxes(photo.state, photo.threshold)
    .map((source) => {
      const box = clampNormalizedBox(source.box)
      const pixels = {
        x: box.left * photo.width,
        y: box.top * photo.height,
        width: box.width * photo.width,
        height: box.height * photo.height,
      }
      const raw = source.box
      const atEdge =
        raw.left <= 0 || raw.top <= 0 || raw.left + raw.width >= 1 || raw.top + raw.height >= 1
      return { source, box, pixels, atEdge }
    })
    .filter((entry) => entry.box.width > 0 && entry.box.height > 0)
}

/**
 * Label names across all photos, sorted, so a class index means the same label in every file of
 * one export whatever the photo order. `known` names keep their positions first, so a caller can
 * keep indices stable across exports by passing the previous list.
 */
export function classList(photos: ExportPhoto[], known: string[] = []): string[] {
  const names = new Set<string>()
  for (const photo of photos) {
    for (const entry of exportBoxes(photo)) names.add(entry.source.label)
  }
  const added = [...names].filter((name) => !known.includes(name)).sort()
  return [...known, ...added]
}

export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals
  const rounded = Math.round(value * factor) / factor
  // -0 prints as "0" in JSON but "-0" nowhere else; keep it plain.
  return rounded === 0 ? 0 : rounded
}

/** A file name safe inside a zip: no folders, no "..", no control or reserved characters. */
function safeFileName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? ''
  // Control characters and the ones Windows refuses in names become "_".
  const cleaned = [...base]
    .map((char) => (char.charCodeAt(0) < 0x20 || '<>:"|?*'.includes(char) ? '_' : char))
    .join('')
    .replace(/^\.+/, '')
  return cleaned.trim() === '' ? 'photo' : cleaned
}

/** Splits "a.b.jpg" into ["a.b", ".jpg"]. */
export function splitExtension(fileName: string): [string, string] {
  const dot = fileName.lastIndexOf('.')
  return dot > 0 ? [fileName.slice(0, dot), fileName.slice(dot)] : [fileName, '']
}

/**
 * One unique, safe file name per photo (in order): two photos both called IMG_0001.jpg become
 * IMG_0001.jpg and IMG_0001-2.jpg (case-insensitively, by name without extension), so their VOC, YOLO and JSON files do not overwrite each other.
 */
export function uniqueFileNames(photos: ExportPhoto[]): string[] {
  const taken = new Set<string>()
  return photos.map((photo) => {
    const safe = safeFileName(photo.fileName)
    const [stem, extension] = splitExtension(safe)
    // Stems must differ too: a.jpg and a.png would otherwise share voc/a.xml.
    let candidate = stem
    for (let n = 2; taken.has(candidate.toLowerCase()); n += 1) candidate = `${stem}-${n}`
    taken.add(candidate.toLowerCase())
    return `${candidate}${extension}`
  })
}

/**
 * The pixel box rounded to `decimals`, rounding the edges rather than the size so the right and
 * bottom edges never pass the image even by a rounding step.
 */
export function roundedPixels(entry: ExportBox, photo: ExportPhoto, decimals: number): PixelBox {
  const x = roundTo(entry.pixels.x, decimals)
  const y = roundTo(entry.pixels.y, decimals)
  const right = Math.min(photo.width, roundTo(entry.pixels.x + entry.pixels.width, decimals))
  const bottom = Math.min(photo.height, roundTo(entry.pixels.y + entry.pixels.height, decimals))
  return { x, y, width: roundTo(right - x, decimals), height: roundTo(bottom - y, decimals) }
}
