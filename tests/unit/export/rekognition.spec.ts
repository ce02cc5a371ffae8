import { describe, expect, it } from 'vitest'
import { applyEdit, renameBox, reshapeBox } from '../../../src/lib/edits'
import { toRekognitionJson, USER_BOX_CONFIDENCE } from '../../../src/lib/export'
import { streetPhoto, TRICKY_LABEL } from './fixtures'

describe('toRekognitionJson', () => {
  it('has the DetectLabels shape with edited boxes as instances', () => {
    const photo = streetPhoto()
    const moved = reshapeBox(
      photo.state,
      'dog',
      { left: 0.2, top: 0.3, width: 0.1, height: 0.2 },
      'drag',
    )
    if (!moved) throw new Error('the move changes the box')
    photo.state = applyEdit(photo.state, moved)
    // Round-trip through text, as a consumer would read the file.
    const json = JSON.parse(JSON.stringify(toRekognitionJson(photo))) as ReturnType<
      typeof toRekognitionJson
    >
    expect(Object.keys(json).sort()).toEqual(['LabelModelVersion', 'Labels'])
    expect(json.LabelModelVersion).toBe('3.0')
    expect(json.Labels.map((l) => l.Name)).toEqual([
      'Dog',
      'Car',
      'Person',
      'Cat',
      'Outdoors',
      TRICKY_LABEL,
    ])
    const dog = json.Labels[0]
    expect(dog).toEqual({
      Name: 'Dog',
      Confidence: 98.5,
      Instances: [
        {
          BoundingBox: { Width: 0.1, Height: 0.2, Left: 0.2, Top: 0.3 },
          Confidence: 98.5,
          DominantColors: [],
        },
      ],
      Parents: [{ Name: 'Animal' }],
      Aliases: [],
      Categories: [],
    })
  })

  it('clamps instances to the image and drops ones with no area; image-level labels stay', () => {
    const json = toRekognitionJson(streetPhoto())
    const byName = new Map(json.Labels.map((l) => [l.Name, l]))
    const person = byName.get('Person')?.Instances[0]?.BoundingBox
    expect(person?.Left).toBe(0)
    expect(person?.Top).toBe(0)
    expect(person?.Width).toBeCloseTo(0.2, 12)
    expect(byName.get('Cat')?.Instances).toEqual([])
    expect(byName.get('Outdoors')?.Instances).toEqual([])
    expect(byName.has('Tree')).toBe(false)
  })

  it('gives user boxes confidence 100 and a label of their own', () => {
    const json = toRekognitionJson(streetPhoto())
    const toy = json.Labels.find((l) => l.Name === TRICKY_LABEL)
    expect(USER_BOX_CONFIDENCE).toBe(100)
    expect(toy?.Confidence).toBe(100)
    expect(toy?.Instances[0]?.Confidence).toBe(100)
  })

  it('moves a renamed box to its new label', () => {
    const photo = streetPhoto()
    const rename = renameBox(photo.state, 'car', 'Truck')
    if (!rename) throw new Error('the rename changes the label')
    photo.state = applyEdit(photo.state, rename)
    const json = toRekognitionJson(photo)
    expect(json.Labels.find((l) => l.Name === 'Car')?.Instances).toEqual([])
    const truck = json.Labels.find((l) => l.Name === 'Truck')
    expect(truck?.Confidence).toBe(80)
    expect(truck?.Instances[0]?.BoundingBox).toEqual({
      Width: 0.25,
      Height: 0.5,
      Left: 0.75,
      Top: 0.5,
    })
  })

  it('writes image properties in PascalCase', () => {
    const photo = streetPhoto()
    const color = {
      red: 1,
      green: 2,
      blue: 3,
      hexCode: '#010203',
      cssColor: 'black',
      simplifiedColor: 'black',
      pixelPercent: 12.5,
    }
    photo.state.analysis.imageProperties = {
      quality: { brightness: 60, sharpness: 70, contrast: 80 },
      dominantColors: [color],
      foreground: { quality: { brightness: 1, sharpness: 2, contrast: 3 }, dominantColors: [] },
    }
    expect(toRekognitionJson(photo).ImageProperties).toEqual({
      Quality: { Brightness: 60, Sharpness: 70, Contrast: 80 },
      DominantColors: [
        {
          Red: 1,
          Green: 2,
          Blue: 3,
          HexCode: '#010203',
          CSSColor: 'black',
          SimplifiedColor: 'black',
          PixelPercent: 12.5,
        },
      ],
      Foreground: { Quality: { Brightness: 1, Sharpness: 2, Contrast: 3 }, DominantColors: [] },
    })
  })
})
