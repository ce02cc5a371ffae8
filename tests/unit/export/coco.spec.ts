import { describe, expect, it } from 'vitest'
import { toCoco, type CocoDataset } from '../../../src/lib/export'
import { formulaPhoto, streetPhoto, TRICKY_LABEL } from './fixtures'

/** Reads a COCO file the way a training script does: plain JSON, nothing of ours. */
function readCoco(text: string) {
  const data = JSON.parse(text) as CocoDataset
  const categoryName = new Map(data.categories.map((c) => [c.id, c.name]))
  return data.images.map((image) => ({
    file: image.file_name,
    boxes: data.annotations
      .filter((a) => a.image_id === image.id)
      .map((a) => ({
        label: categoryName.get(a.category_id),
        left: a.bbox[0] / image.width,
        top: a.bbox[1] / image.height,
        width: a.bbox[2] / image.width,
        height: a.bbox[3] / image.height,
      })),
  }))
}

describe('toCoco', () => {
  it('writes pixel boxes, areas and shared categories worked out by hand', () => {
    const coco = toCoco([streetPhoto(), formulaPhoto()])
    expect(coco.images).toEqual([
      { id: 1, file_name: 'street.jpg', width: 640, height: 480 },
      { id: 2, file_name: '=HYPERLINK(_x_).jpg', width: 100, height: 50 },
    ])
    expect(coco.categories).toEqual([
      { id: 1, name: 'Car', supercategory: 'Vehicle' },
      { id: 2, name: 'Dog', supercategory: 'Animal' },
      { id: 3, name: 'Person', supercategory: 'none' },
      { id: 4, name: TRICKY_LABEL, supercategory: 'none' },
    ])
    const rows = coco.annotations.map((a) => [a.id, a.image_id, a.category_id, a.bbox, a.area])
    expect(rows).toEqual([
      [1, 1, 2, [64, 96, 160, 240], 38400],
      [2, 1, 1, [480, 240, 160, 240], 38400],
      [3, 1, 3, [0, 0, 128, 192], 24576],
      [4, 1, 4, [320, 48, 64, 48], 3072],
      [5, 2, 1, [0, 0, 100, 50], 5000],
    ])
    expect(coco.annotations.every((a) => a.iscrowd === 0)).toBe(true)
    expect(coco.annotations[3]?.attributes).toEqual({ confidence: null, source: 'user' })
  })

  it('keeps every bbox inside its image', () => {
    const coco = toCoco([streetPhoto(), formulaPhoto()])
    for (const a of coco.annotations) {
      const image = coco.images.find((i) => i.id === a.image_id)
      if (!image) throw new Error(`annotation ${a.id} names no image`)
      const [x, y, w, h] = a.bbox
      expect(x).toBeGreaterThanOrEqual(0)
      expect(y).toBeGreaterThanOrEqual(0)
      expect(x + w).toBeLessThanOrEqual(image.width)
      expect(y + h).toBeLessThanOrEqual(image.height)
    }
  })

  it('gives a label the same category id whatever the photo order', () => {
    const forward = toCoco([streetPhoto(), formulaPhoto()]).categories
    const backward = toCoco([formulaPhoto(), streetPhoto()]).categories
    expect(backward).toEqual(forward)
  })

  it('round-trips: parsed back, the boxes are the clamped visible boxes', () => {
    const photo = streetPhoto()
    const [read] = readCoco(JSON.stringify(toCoco([photo])))
    const expected = [
      { label: 'Dog', left: 0.1, top: 0.2, width: 0.25, height: 0.5 },
      { label: 'Car', left: 0.75, top: 0.5, width: 0.25, height: 0.5 },
      { label: 'Person', left: 0, top: 0, width: 0.2, height: 0.4 },
      { label: TRICKY_LABEL, left: 0.5, top: 0.1, width: 0.1, height: 0.1 },
    ]
    expect(read?.boxes).toHaveLength(expected.length)
    read?.boxes.forEach((box, index) => {
      const want = expected[index]
      expect(box.label).toBe(want?.label)
      for (const key of ['left', 'top', 'width', 'height'] as const) {
        expect(box[key]).toBeCloseTo(want?.[key] ?? Number.NaN, 4)
      }
    })
  })

  it('writes no float noise in pixel values', () => {
    const text = JSON.stringify(toCoco([streetPhoto()]))
    expect(text).not.toMatch(/\d\.\d{3,}/)
  })
})
