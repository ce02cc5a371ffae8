import { describe, expect, it } from 'vitest'
import { toLabelAnalysis } from '../../src/lib/detect-labels-answer'
import { detectLabelsInput } from '../../src/aws/labels'
import { DEFAULT_SETTINGS } from '../../src/lib/detection-settings'

let counter = 0
const makeId = () => `id${(counter += 1)}`

describe('toLabelAnalysis', () => {
  it('turns a DetectLabels response into strict app types', () => {
    const result = toLabelAnalysis(
      {
        LabelModelVersion: '3.0',
        Labels: [
          {
            Name: 'Cat',
            Confidence: 97.5,
            Parents: [{ Name: 'Animal' }, { Name: 'Mammal' }, { Name: 'Pet' }],
            Aliases: [{ Name: 'Kitty' }],
            Categories: [{ Name: 'Animals and Pets' }],
            Instances: [
              { Confidence: 96, BoundingBox: { Left: -0.05, Top: 0.1, Width: 0.5, Height: 1 } },
              { Confidence: 80, BoundingBox: { Left: 0.2, Top: 0.2, Width: 0.1 } },
              { Confidence: 70 },
            ],
          },
          { Confidence: 50 },
        ],
        ImageProperties: {
          Quality: { Brightness: 60, Sharpness: 90, Contrast: 40 },
          DominantColors: [
            {
              Red: 1,
              Green: 2,
              Blue: 3,
              HexCode: '#010203',
              SimplifiedColor: 'black',
              PixelPercent: 30,
            },
          ],
        },
      },
      makeId,
    )
    expect(result.labels).toEqual([
      {
        name: 'Cat',
        confidence: 97.5,
        parents: ['Animal', 'Mammal', 'Pet'],
        aliases: ['Kitty'],
        categories: ['Animals and Pets'],
      },
    ])
    expect(result.boxes).toHaveLength(1)
    const [cat] = result.boxes
    if (!cat) throw new Error('no box')
    expect(cat.box.left).toBe(0)
    expect(cat.box.width).toBeCloseTo(0.45)
    expect(cat.box.top + cat.box.height).toBeLessThanOrEqual(1)
    expect(cat.confidence).toBe(96)
    expect(cat.source).toBe('detected')
    expect(result.imageProperties?.quality).toEqual({ brightness: 60, sharpness: 90, contrast: 40 })
    expect(result.imageProperties?.dominantColors[0]?.cssColor).toBe('')
    expect(result.labelModelVersion).toBe('3.0')
  })

  it('gives no image properties when none were asked for', () => {
    expect(toLabelAnalysis({ Labels: [] }, makeId).imageProperties).toBeNull()
  })
})

describe('detectLabelsInput', () => {
  it('asks for image properties and the S3 object', () => {
    const input = detectLabelsInput('bucket', 'u/id/x.jpg', DEFAULT_SETTINGS)
    expect(input.Image?.S3Object).toEqual({ Bucket: 'bucket', Name: 'u/id/x.jpg' })
    expect(input.Features).toEqual(['GENERAL_LABELS', 'IMAGE_PROPERTIES'])
    expect(input.Settings).toBeUndefined()
  })
  it('passes category filters only when set', () => {
    const input = detectLabelsInput('bucket', 'k', {
      ...DEFAULT_SETTINGS,
      imageProperties: false,
      includeCategories: ['Animals and Pets'],
    })
    expect(input.Features).toEqual(['GENERAL_LABELS'])
    expect(input.Settings?.GeneralLabels?.LabelCategoryInclusionFilters).toEqual([
      'Animals and Pets',
    ])
    expect(input.Settings?.GeneralLabels?.LabelCategoryExclusionFilters).toBeUndefined()
  })
})
