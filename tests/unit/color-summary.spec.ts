import { describe, expect, it } from 'vitest'
import type { DominantColor } from '../../src/lib/analysis'
import { colorName, summariseColors } from '../../src/lib/color-summary'

function colour(
  simplifiedColor: string,
  cssColor: string,
  pixelPercent: number,
  hexCode = '#000000',
): DominantColor {
  return { red: 0, green: 0, blue: 0, hexCode, cssColor, simplifiedColor, pixelPercent }
}

describe('summariseColors', () => {
  it('merges colours of the same name, adding their shares and keeping the largest swatch', () => {
    const summary = summariseColors([
      colour('black', 'black', 20, '#050505'),
      colour('white', 'white', 30),
      colour('black', 'black', 25, '#0a0a0a'),
      colour('black', 'black', 5, '#101010'),
    ])
    expect(summary.map(colorName)).toEqual(['black', 'white'])
    expect(summary[0]).toMatchObject({ pixelPercent: 50, hexCode: '#0a0a0a' })
  })

  it('drops colours under 1 % once merged, and keeps shades with different CSS names apart', () => {
    const summary = summariseColors([
      colour('brown', 'rosybrown', 20.4),
      colour('brown', 'sienna', 9.6),
      colour('red', 'red', 0.4),
      colour('red', 'red', 0.3),
      colour('blue', 'navy', 0.6),
      colour('blue', 'navy', 0.5),
    ])
    expect(summary.map(colorName)).toEqual(['brown rosybrown', 'brown sienna', 'blue navy'])
    expect(summary[2]?.pixelPercent).toBeCloseTo(1.1)
  })
})
