import { describe, expect, it } from 'vitest'
import { requestedFeatures } from '../../../src/lib/detection/params'

describe('requestedFeatures', () => {
  it('defaults to general labels only', () => {
    expect(requestedFeatures({})).toEqual({ generalLabels: true, imageProperties: false })
    expect(requestedFeatures({ Features: [] })).toEqual({
      generalLabels: true,
      imageProperties: false,
    })
  })

  it('reads each feature asked for', () => {
    expect(requestedFeatures({ Features: ['IMAGE_PROPERTIES'] })).toEqual({
      generalLabels: false,
      imageProperties: true,
    })
    expect(requestedFeatures({ Features: ['IMAGE_PROPERTIES', 'GENERAL_LABELS'] })).toEqual({
      generalLabels: true,
      imageProperties: true,
    })
  })
})
