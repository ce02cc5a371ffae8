// All chosen formats for the chosen photos in one zip, laid out as the target tools expect:
//   annotated/<photo>.<jpg|png>     rendered by the caller
//   rekognition/<photo stem>.json   one DetectLabels-shaped file per photo
//   coco/annotations.json           one dataset for all photos
//   voc/<photo stem>.xml            one file per photo
//   yolo/classes.txt, yolo/labels/<photo stem>.txt
//   labels.csv                      one row per box, all photos
import { strToU8, Zip, ZipPassThrough } from 'fflate'
import { splitExtension, uniqueFileNames } from './boxes'
import { toCoco } from './coco'
import { toCsv } from './csv'
import { toRekognitionJson } from './rekognition'
import type { ExportFormat, ExportPhoto } from './types'
import { toVocXml } from './voc'
import { toYolo, yoloClassesText } from './yolo'

export interface ZipOptions {
  /** Timestamp stored on every entry; pass one for reproducible archives. */
  modifiedAt?: Date
}

const json = (value: unknown) => strToU8(`${JSON.stringify(value, null, 2)}\n`)

/** The zip's entries as path → bytes, before compression (useful to inspect or to test). */
export function exportFiles(
  photos: ExportPhoto[],
  formats: ExportFormat[],
): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>()
  const fileNames = uniqueFileNames(photos)
  const stems = fileNames.map((name) => splitExtension(name)[0])
  const wanted = new Set(formats)
  photos.forEach((photo, index) => {
    const stem = stems[index] ?? `photo-${index + 1}`
    if (wanted.has('annotated') && photo.annotatedImage) {
      const { bytes, extension } = photo.annotatedImage
      files.set(`annotated/${stem}.${extension}`, bytes)
    }
    if (wanted.has('rekognition')) {
      files.set(`rekognition/${stem}.json`, json(toRekognitionJson(photo)))
    }
    if (wanted.has('voc')) {
      const xml = toVocXml(photo, fileNames[index] ?? photo.fileName)
      files.set(`voc/${stem}.xml`, strToU8(xml))
    }
  })
  if (wanted.has('coco')) files.set('coco/annotations.json', json(toCoco(photos)))
  if (wanted.has('yolo')) {
    const yolo = toYolo(photos)
    files.set('yolo/classes.txt', strToU8(yoloClassesText(yolo.classes)))
    yolo.labels.forEach((text, index) => {
      files.set(`yolo/labels/${stems[index] ?? `photo-${index + 1}`}.txt`, strToU8(text))
    })
  }
  if (wanted.has('csv')) files.set('labels.csv', strToU8(toCsv(photos)))
  return files
}

// Zip stores DOS dates, which only span 1980–2099 (fflate throws outside it); a device with a
// wrong clock must still get its export. Local midday keeps the clamped day in every time zone.
const EARLIEST_ZIP_DATE = new Date(1980, 0, 2, 12)
const LATEST_ZIP_DATE = new Date(2099, 11, 30, 12)

function zipDate(date: Date): Date {
  if (Number.isNaN(date.getTime()) || date < EARLIEST_ZIP_DATE) return EARLIEST_ZIP_DATE
  return date > LATEST_ZIP_DATE ? LATEST_ZIP_DATE : date
}

/**
 * Every entry is stored, not deflated: JPEG and PNG are compressed already, and the text files are
 * small beside them. Storing keeps fflate's deflate code (about 2 KiB gzip) out of the app.
 */
export function buildExportZip(
  photos: ExportPhoto[],
  formats: ExportFormat[],
  options: ZipOptions = {},
): Uint8Array {
  const mtime = zipDate(options.modifiedAt ?? new Date())
  const parts: Uint8Array[] = []
  // Stored entries come out synchronously: the archive is whole when end() returns.
  const zip = new Zip((error, chunk) => {
    if (error) throw error
    parts.push(chunk)
  })
  for (const [path, bytes] of exportFiles(photos, formats)) {
    const entry = new ZipPassThrough(path)
    entry.mtime = mtime
    zip.add(entry)
    entry.push(bytes, true)
  }
  zip.end()
  const archive = new Uint8Array(parts.reduce((size, part) => size + part.length, 0))
  let offset = 0
  for (const part of parts) {
    archive.set(part, offset)
    offset += part.length
  }
  return archive
}
