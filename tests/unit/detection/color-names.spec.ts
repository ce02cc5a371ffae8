import { describe, expect, it } from 'vitest'
import { hexCode, nearestCssColor, simplifiedColor } from '../../../src/lib/detection/color-names'
import { CSS_NAMED_COLORS } from '../../../src/lib/detection/css-colors'

const rgb = (red: number, green: number, blue: number) => ({ red, green, blue })

describe('colour names', () => {
  it('writes lower-case, zero-padded hex codes', () => {
    expect(hexCode(rgb(255, 0, 10))).toBe('#ff000a')
    expect(hexCode(rgb(0, 0, 0))).toBe('#000000')
  })

  it('names every CSS colour as itself', () => {
    for (const [name, value] of Object.entries(CSS_NAMED_COLORS)) {
      expect(nearestCssColor(rgb(value >> 16, (value >> 8) & 0xff, value & 0xff))).toBe(name)
    }
  })

  it('names near colours after their nearest CSS colour', () => {
    expect(nearestCssColor(rgb(250, 5, 5))).toBe('red')
    expect(nearestCssColor(rgb(2, 0, 130))).toBe('navy')
    expect(nearestCssColor(rgb(128, 129, 127))).toBe('gray')
  })

  it.each([
    [rgb(230, 20, 30), 'red'],
    [rgb(250, 140, 20), 'orange'],
    [rgb(240, 230, 40), 'yellow'],
    [rgb(30, 160, 60), 'green'],
    [rgb(30, 80, 200), 'blue'],
    [rgb(120, 40, 170), 'purple'],
    [rgb(250, 150, 190), 'pink'],
    [rgb(120, 70, 30), 'brown'],
    [rgb(10, 10, 12), 'black'],
    [rgb(250, 250, 248), 'white'],
    [rgb(128, 128, 128), 'grey'],
  ] as const)('simplifies %o to %s', (color, expected) => {
    expect(simplifiedColor(color)).toBe(expected)
  })
})
