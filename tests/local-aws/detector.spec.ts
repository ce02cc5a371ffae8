// The real detector on the committed photos: names, parents, categories and boxes against regions
// measured by hand on each photo (pixels of the upright image, see tests/fixtures/photos/).
import { readFile } from 'node:fs/promises'
import sharp from 'sharp'
import { beforeAll, describe, expect, it } from 'vitest'
import { loadLabelDetector, type LabelDetector } from '../../local-aws/detector/index.ts'
import { intersectionOverUnion } from '../../src/lib/detection/nms.ts'
import type { WireLabel } from '../../src/lib/detection/wire.ts'

const photo = (name: string) => readFile(new URL(`../fixtures/photos/${name}`, import.meta.url))

interface Region {
  left: number
  top: number
  right: number
  bottom: number
}

interface Expectation {
  photo: string
  width: number
  height: number
  label: string
  parents: string[]
  category: string
  region: Region
}

const EXPECTED: Expectation[] = [
  {
    photo: 'astronaut.png',
    width: 512,
    height: 512,
    label: 'Person',
    parents: [],
    category: 'Person Description',
    region: { left: 18, top: 14, right: 365, bottom: 512 },
  },
  {
    photo: 'camera.png',
    width: 512,
    height: 512,
    label: 'Person',
    parents: [],
    category: 'Person Description',
    region: { left: 0, top: 62, right: 305, bottom: 512 },
  },
  {
    photo: 'chelsea.png',
    width: 451,
    height: 300,
    label: 'Cat',
    parents: ['Animal', 'Mammal', 'Pet'],
    category: 'Animals and Pets',
    region: { left: 0, top: 0, right: 400, bottom: 300 },
  },
  {
    photo: 'coffee.png',
    width: 600,
    height: 400,
    label: 'Cup',
    parents: [],
    category: 'Kitchen and Dining',
    region: { left: 172, top: 18, right: 410, bottom: 308 },
  },
  {
    photo: 'grace_hopper.jpg',
    width: 512,
    height: 600,
    label: 'Person',
    parents: [],
    category: 'Person Description',
    region: { left: 12, top: 22, right: 512, bottom: 600 },
  },
]

/** The knotted tie on grace_hopper.jpg, from the knot down to the ends of its tails. */
const TIE_REGION: Region = { left: 213, top: 408, right: 298, bottom: 477 }

function labelsOf(response: Record<string, unknown>): WireLabel[] {
  expect(Array.isArray(response.Labels)).toBe(true)
  return response.Labels as WireLabel[]
}

function overlap(label: WireLabel | undefined, region: Region, width: number, height: number) {
  const regionBox = {
    x: region.left / width,
    y: region.top / height,
    width: (region.right - region.left) / width,
    height: (region.bottom - region.top) / height,
  }
  const boxes = (label?.Instances ?? []).map(({ BoundingBox: box }) => ({
    x: box.Left,
    y: box.Top,
    width: box.Width,
    height: box.Height,
  }))
  return Math.max(0, ...boxes.map((box) => intersectionOverUnion(box, regionBox)))
}

let detector: LabelDetector

beforeAll(async () => {
  detector = await loadLabelDetector()
})

describe('DetectLabels on the committed photos', () => {
  it.each(EXPECTED)('finds the $label in $photo', async (expected) => {
    const labels = labelsOf(await detector.detectLabels(await photo(expected.photo), {}))
    const label = labels.find((candidate) => candidate.Name === expected.label)
    expect(label?.Confidence).toBeGreaterThanOrEqual(55)
    expect(label?.Parents.map((parent) => parent.Name).sort()).toEqual(expected.parents)
    expect(label?.Categories).toEqual([{ Name: expected.category }])
    expect(overlap(label, expected.region, expected.width, expected.height)).toBeGreaterThan(0.5)
    for (const parent of expected.parents) {
      const parentLabel = labels.find((candidate) => candidate.Name === parent)
      expect(parentLabel?.Instances).toEqual([])
      expect(parentLabel?.Confidence).toBe(label?.Confidence)
    }
  })

  it('finds the tie Grace Hopper wears, below her face', async () => {
    const labels = labelsOf(await detector.detectLabels(await photo('grace_hopper.jpg'), {}))
    const tie = labels.find((label) => label.Name === 'Tie')
    expect(tie?.Parents.map((parent) => parent.Name)).toEqual(
      expect.arrayContaining(['Accessories', 'Clothing']),
    )
    expect(tie?.Categories).toEqual([{ Name: 'Apparel and Accessories' }])
    expect(tie?.Aliases).toEqual([{ Name: 'Necktie' }])
    // The model's tie box runs from the knot down over the white shirt below it, so the overlap
    // with the tie alone is lower than for larger objects (measured 0.35).
    expect(overlap(tie, TIE_REGION, 512, 600)).toBeGreaterThan(0.3)
    expect(labels.find((label) => label.Name === 'Accessories')?.Instances).toEqual([])
  })

  it('gives the rocket launch, which shows no COCO object, no label at all', async () => {
    const response = await detector.detectLabels(await photo('rocket.jpg'), {})
    expect(labelsOf(response)).toEqual([])
    const lenient = labelsOf(
      await detector.detectLabels(await photo('rocket.jpg'), { MinConfidence: 0 }),
    )
    expect(lenient.length).toBeGreaterThan(0)
    expect(Math.max(...lenient.map((label) => label.Confidence))).toBeLessThan(55)
  })

  it('names the local model', async () => {
    const response = await detector.detectLabels(await photo('chelsea.png'), {})
    expect(response.LabelModelVersion).toBe(detector.modelVersion)
    expect(detector.modelVersion).toMatch(/^local-centernet-coco-/)
  })

  it('answers for the upright image when a JPEG carries EXIF orientation 6', async () => {
    const uprightJpeg = await sharp(await photo('chelsea.png'))
      .jpeg({ quality: 95 })
      .toBuffer()
    // Stored a quarter turn anticlockwise; orientation 6 tells viewers to turn it back clockwise.
    const storedSideways = await sharp(uprightJpeg)
      .rotate(270)
      .jpeg({ quality: 95 })
      .withMetadata({ orientation: 6 })
      .toBuffer()
    const stored = await sharp(storedSideways).metadata()
    expect([stored.width, stored.height, stored.orientation]).toEqual([300, 451, 6])

    const cat = async (bytes: Buffer) =>
      labelsOf(await detector.detectLabels(bytes, {})).find((label) => label.Name === 'Cat')
    const upright = (await cat(uprightJpeg))?.Instances[0]?.BoundingBox
    const sideways = (await cat(storedSideways))?.Instances[0]?.BoundingBox
    expect(upright).toBeDefined()
    expect(sideways).toBeDefined()
    for (const side of ['Left', 'Top', 'Width', 'Height'] as const) {
      expect(Math.abs((sideways?.[side] ?? 0) - (upright?.[side] ?? 1))).toBeLessThan(0.03)
    }
    // The cat fills the upright photo's height; turned the wrong way it would be judged anew.
    expect(overlap(await cat(storedSideways), EXPECTED[2]!.region, 451, 300)).toBeGreaterThan(0.5)
  })
})

describe('DetectLabels parameters', () => {
  let grace: Buffer

  beforeAll(async () => {
    grace = await photo('grace_hopper.jpg')
  })

  const names = (response: Record<string, unknown>) => labelsOf(response).map((label) => label.Name)

  it('returns at most MaxLabels labels, most confident first', async () => {
    const all = labelsOf(await detector.detectLabels(grace, {}))
    expect(all.length).toBeGreaterThan(2)
    expect(names(await detector.detectLabels(grace, { MaxLabels: 2 }))).toEqual(
      all.slice(0, 2).map((label) => label.Name),
    )
    expect(all[0]?.Name).toBe('Person')
  })

  it('drops labels under MinConfidence', async () => {
    const all = labelsOf(await detector.detectLabels(grace, {}))
    const tie = all.find((label) => label.Name === 'Tie')
    expect(tie).toBeDefined()
    const above = names(
      await detector.detectLabels(grace, { MinConfidence: (tie?.Confidence ?? 0) + 1 }),
    )
    expect(above).toContain('Person')
    expect(above).not.toContain('Tie')
  })

  it('applies label and category filters from Settings.GeneralLabels', async () => {
    const only = (GeneralLabels: Record<string, string[]>) =>
      detector.detectLabels(grace, { Settings: { GeneralLabels } })
    expect(names(await only({ LabelInclusionFilters: ['Tie'] }))).toEqual(['Tie'])
    expect(names(await only({ LabelExclusionFilters: ['Person'] }))).not.toContain('Person')
    const apparel = names(
      await only({ LabelCategoryInclusionFilters: ['Apparel and Accessories'] }),
    )
    expect(apparel).toContain('Tie')
    expect(apparel).not.toContain('Person')
    const noPeople = names(await only({ LabelCategoryExclusionFilters: ['Person Description'] }))
    expect(noPeople).toContain('Tie')
    expect(noPeople).not.toContain('Person')
  })

  it('answers only what Features asks for', async () => {
    const labelsOnly = await detector.detectLabels(grace, { Features: ['GENERAL_LABELS'] })
    expect(labelsOnly.ImageProperties).toBeUndefined()
    const propertiesOnly = await detector.detectLabels(grace, { Features: ['IMAGE_PROPERTIES'] })
    expect(propertiesOnly.Labels).toBeUndefined()
    expect(propertiesOnly.ImageProperties).toBeDefined()
  })
})
