import { describe, expect, it } from 'vitest'
import { COCO_CLASSES, type CocoClass } from '../../../src/lib/detection/coco-classes'
import { filterLabels, labelsFromDetections } from '../../../src/lib/detection/labels'
import type { Detection } from '../../../src/lib/detection/types'

const found = (cocoClass: CocoClass, confidence: number, left = 0.1): Detection => ({
  classIndex: COCO_CLASSES.indexOf(cocoClass),
  confidence,
  box: { left, top: 0.1, width: 0.2, height: 0.3 },
})

const names = (labels: readonly { Name: string }[]) => labels.map((label) => label.Name)

describe('labelsFromDetections', () => {
  const labels = labelsFromDetections(
    [found('cat', 80), found('dog', 70, 0.5), found('person', 90), found('cat', 60, 0.6)],
    55,
  )

  it('gives each detected class one label with all its instances, best first', () => {
    const cat = labels.find((label) => label.Name === 'Cat')
    expect(cat?.Confidence).toBe(80)
    expect(cat?.Instances.map((instance) => instance.Confidence)).toEqual([80, 60])
    expect(cat?.Instances[1]?.BoundingBox).toEqual({ Width: 0.2, Height: 0.3, Left: 0.6, Top: 0.1 })
  })

  it('adds each ancestor once, without instances, at its best child’s confidence', () => {
    const mammal = labels.find((label) => label.Name === 'Mammal')
    expect(mammal?.Instances).toEqual([])
    expect(mammal?.Confidence).toBe(80)
    expect(names(labels).filter((name) => name === 'Animal')).toHaveLength(1)
    expect(labels.find((label) => label.Name === 'Canine')?.Confidence).toBe(70)
  })

  it('sorts labels by confidence', () => {
    const confidences = labels.map((label) => label.Confidence)
    expect(confidences).toEqual([...confidences].sort((a, b) => b - a))
    expect(labels[0]?.Name).toBe('Person')
  })

  it('leaves out instances under MinConfidence', () => {
    const strict = labelsFromDetections([found('cat', 80), found('cat', 60, 0.6)], 70)
    expect(strict.find((label) => label.Name === 'Cat')?.Instances).toHaveLength(1)
  })

  it('asks for instance colours only when given a colour function', () => {
    const colored = labelsFromDetections([found('cup', 90)], 55, (box) => [
      {
        Red: Math.round(box.left * 100),
        Green: 0,
        Blue: 0,
        HexCode: '#0a0000',
        CSSColor: 'black',
        SimplifiedColor: 'black',
        PixelPercent: 100,
      },
    ])
    expect(colored[0]?.Instances[0]?.DominantColors[0]?.Red).toBe(10)
  })
})

describe('filterLabels', () => {
  const labels = labelsFromDetections(
    [found('cat', 80), found('person', 90), found('car', 50, 0.5)],
    0,
  )

  it('applies MinConfidence (default 55) and MaxLabels', () => {
    expect(names(filterLabels(labels, {}))).not.toContain('Car')
    expect(names(filterLabels(labels, { MinConfidence: 40 }))).toContain('Car')
    expect(names(filterLabels(labels, { MaxLabels: 2 }))).toEqual(['Person', 'Animal'])
    expect(filterLabels(labels, { MaxLabels: 0 })).toEqual([])
  })

  it('includes and excludes by label name', () => {
    const include = { Settings: { GeneralLabels: { LabelInclusionFilters: ['Cat', 'Car'] } } }
    expect(names(filterLabels(labels, include))).toEqual(['Cat'])
    const exclude = { Settings: { GeneralLabels: { LabelExclusionFilters: ['Cat', 'Pet'] } } }
    expect(names(filterLabels(labels, exclude))).toEqual(['Person', 'Animal', 'Mammal'])
  })

  it('includes and excludes by category', () => {
    const animals = {
      Settings: { GeneralLabels: { LabelCategoryInclusionFilters: ['Animals and Pets'] } },
    }
    expect(names(filterLabels(labels, animals)).sort()).toEqual(['Animal', 'Cat', 'Mammal', 'Pet'])
    const noPeople = {
      Settings: { GeneralLabels: { LabelCategoryExclusionFilters: ['Person Description'] } },
    }
    expect(names(filterLabels(labels, noPeople))).not.toContain('Person')
  })

  it('adds up name and category inclusion filters, then applies exclusions', () => {
    const params = {
      Settings: {
        GeneralLabels: {
          LabelInclusionFilters: ['Person'],
          LabelCategoryInclusionFilters: ['Animals and Pets'],
          LabelExclusionFilters: ['Mammal'],
        },
      },
    }
    expect(names(filterLabels(labels, params)).sort()).toEqual(['Animal', 'Cat', 'Person', 'Pet'])
  })
})
