import { describe, expect, it } from 'vitest'
import { toYolo, yoloClassesText } from '../../../src/lib/export'
import {
  analysisOf,
  detectedLabel,
  formulaPhoto,
  labelBox,
  stateOf,
  streetPhoto,
  TRICKY_LABEL,
} from './fixtures'

/** An independent YOLO reader: five whitespace-separated numbers per line. */
function readYolo(text: string, classes: string[]) {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const parts = line.trim().split(/\s+/)
      if (parts.length !== 5) throw new Error(`bad YOLO line: ${line}`)
      const [cls, xc, yc, w, h] = parts.map(Number) as [number, number, number, number, number]
      return { label: classes[cls], xc, yc, w, h, raw: parts }
    })
}

/** A small seeded generator so the edge-crossing sweep is the same on every run. */
function seeded(seed: number) {
  let s = seed
  return () => {
    s = (s * 1664525 + 1013904223) % 4294967296
    return s / 4294967296
  }
}

describe('toYolo', () => {
  it('writes centre and size as fractions, worked out by hand', () => {
    const yolo = toYolo([streetPhoto(), formulaPhoto()])
    expect(yolo.classes).toEqual(['Car', 'Dog', 'Person', TRICKY_LABEL])
    expect(yolo.labels[0]).toBe(
      [
        '1 0.225000 0.450000 0.250000 0.500000',
        '0 0.875000 0.750000 0.250000 0.500000',
        '2 0.100000 0.200000 0.200000 0.400000',
        '3 0.550000 0.150000 0.100000 0.100000',
        '',
      ].join('\n'),
    )
    expect(yolo.labels[1]).toBe('0 0.500000 0.500000 1.000000 1.000000\n')
    expect(yoloClassesText(yolo.classes)).toBe(`Car\nDog\nPerson\n${TRICKY_LABEL}\n`)
  })

  it('never writes a value outside 0–1, even for boxes far past every edge', () => {
    const random = seeded(42)
    const boxes = Array.from({ length: 400 }, (_, i) =>
      labelBox(`b${i}`, i % 2 ? 'A' : 'B', 50, {
        left: random() * 1.6 - 0.3,
        top: random() * 1.6 - 0.3,
        width: random() * 1.2,
        height: random() * 1.2,
      }),
    )
    const photo = {
      fileName: 'sweep.png',
      width: 333,
      height: 217,
      state: stateOf(analysisOf([detectedLabel('A', 50), detectedLabel('B', 50)], boxes)),
      threshold: 0,
    }
    const yolo = toYolo([photo])
    const lines = readYolo(yolo.labels[0] ?? '', yolo.classes)
    expect(lines.length).toBeGreaterThan(100)
    for (const line of lines) {
      for (const value of [line.xc, line.yc, line.w, line.h]) {
        expect(value).toBeGreaterThanOrEqual(0)
        expect(value).toBeLessThanOrEqual(1)
      }
      expect(line.w).toBeGreaterThan(0)
      expect(line.h).toBeGreaterThan(0)
      expect(line.xc - line.w / 2).toBeGreaterThanOrEqual(-1e-6)
      expect(line.xc + line.w / 2).toBeLessThanOrEqual(1 + 1e-6)
      expect(line.raw.slice(1).every((part) => /^\d\.\d{6}$/.test(part))).toBe(true)
    }
  })

  it('round-trips: parsed back and converted to corners, the boxes are the clamped ones', () => {
    const yolo = toYolo([streetPhoto()])
    const read = readYolo(yolo.labels[0] ?? '', yolo.classes).map((l) => ({
      label: l.label,
      left: l.xc - l.w / 2,
      top: l.yc - l.h / 2,
      width: l.w,
      height: l.h,
    }))
    expect(read.map((b) => b.label)).toEqual(['Dog', 'Car', 'Person', TRICKY_LABEL])
    expect(read[2]?.left).toBeCloseTo(0, 6)
    expect(read[2]?.height).toBeCloseTo(0.4, 6)
    expect(read[1]?.left).toBeCloseTo(0.75, 6)
  })

  it('writes an empty label file for a photo with no visible boxes', () => {
    const photo = formulaPhoto()
    photo.state.hiddenLabels = ['Car']
    expect(toYolo([photo]).labels).toEqual([''])
  })
})
