// @vitest-environment jsdom
// jsdom supplies DOMParser: an XML reader that is none of our code.
import { strFromU8, unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import {
  buildExportZip,
  toCoco,
  toCsv,
  toRekognitionJson,
  toVocXml,
  toYolo,
  type ExportPhoto,
} from '../../../src/lib/export'
import { formulaPhoto, streetPhoto } from './fixtures'

const JPEG_BYTES = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9])

function photos(): ExportPhoto[] {
  return [
    { ...streetPhoto(), annotatedImage: { bytes: JPEG_BYTES, extension: 'jpg' } },
    formulaPhoto(),
    // Same file name as the first photo: must not overwrite its files.
    { ...formulaPhoto(), fileName: 'street.jpg' },
  ]
}

describe('buildExportZip', () => {
  it('lays out every format in its folder, with unique names per photo', () => {
    const all = ['annotated', 'rekognition', 'coco', 'voc', 'yolo', 'csv'] as const
    const files = unzipSync(buildExportZip(photos(), [...all]))
    expect(Object.keys(files).sort()).toEqual([
      'annotated/street.jpg',
      'coco/annotations.json',
      'labels.csv',
      'rekognition/=HYPERLINK(_x_).json',
      'rekognition/street-2.json',
      'rekognition/street.json',
      'voc/=HYPERLINK(_x_).xml',
      'voc/street-2.xml',
      'voc/street.xml',
      'yolo/classes.txt',
      'yolo/labels/=HYPERLINK(_x_).txt',
      'yolo/labels/street-2.txt',
      'yolo/labels/street.txt',
    ])
  })

  it('holds exactly what the single-photo exporters produce, and the image bytes unchanged', () => {
    const input = photos()
    const files = unzipSync(
      buildExportZip(input, ['annotated', 'rekognition', 'coco', 'voc', 'yolo', 'csv']),
    )
    const text = (path: string) => {
      const bytes = files[path]
      if (!bytes) throw new Error(`${path} missing from the zip`)
      return strFromU8(bytes)
    }
    expect(files['annotated/street.jpg']).toEqual(JPEG_BYTES)
    expect(JSON.parse(text('coco/annotations.json'))).toEqual(toCoco(input))
    expect(JSON.parse(text('rekognition/street.json'))).toEqual(
      JSON.parse(JSON.stringify(toRekognitionJson(input[0] as ExportPhoto))),
    )
    expect(text('labels.csv')).toBe(toCsv(input))
    const yolo = toYolo(input)
    expect(text('yolo/classes.txt').split('\n').filter(Boolean)).toEqual(yolo.classes)
    expect(text('yolo/labels/street.txt')).toBe(yolo.labels[0])
    expect(text('yolo/labels/street-2.txt')).toBe('0 0.500000 0.500000 1.000000 1.000000\n')
    const xml = text('voc/street-2.xml')
    expect(xml).toBe(toVocXml(input[2] as ExportPhoto, 'street-2.jpg'))
    const doc = new DOMParser().parseFromString(xml, 'application/xml')
    expect(doc.getElementsByTagName('filename')[0]?.textContent).toBe('street-2.jpg')
  })

  it('contains only the chosen formats', () => {
    const files = unzipSync(buildExportZip(photos(), ['csv']))
    expect(Object.keys(files)).toEqual(['labels.csv'])
  })

  it('still builds when the clock is outside the 1980–2099 range zip dates can hold', () => {
    for (const modifiedAt of [new Date(0), new Date('2150-01-01'), new Date(Number.NaN)]) {
      const files = unzipSync(buildExportZip(photos(), ['csv'], { modifiedAt }))
      expect(Object.keys(files)).toEqual(['labels.csv'])
    }
  })

  it('is byte-for-byte reproducible given a timestamp', () => {
    const modifiedAt = new Date('2026-01-02T03:04:05Z')
    const a = buildExportZip(photos(), ['coco', 'voc'], { modifiedAt })
    const b = buildExportZip(photos(), ['coco', 'voc'], { modifiedAt })
    expect(a).toEqual(b)
  })
})
