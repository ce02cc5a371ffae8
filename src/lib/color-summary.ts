// The dominant colours as the panel lists them: one line per colour name (Rekognition, and the
// local detector, may return several clusters that are all "black"), without slivers under 1 %.
import type { DominantColor } from './analysis'

/** Shares under this are noise in a list of a photo's colours. */
export const MIN_COLOR_PERCENT = 1

/** The name a colour is listed by: the simple name and, where it says more, the CSS name. */
export function colorName(color: DominantColor): string {
  const simple = color.simplifiedColor || color.cssColor || color.hexCode
  return color.cssColor && color.cssColor !== color.simplifiedColor
    ? `${simple} ${color.cssColor}`
    : simple
}

/**
 * Merges colours listed by the same name (their shares added, the swatch of the largest kept),
 * drops what is left under 1 %, largest first.
 */
export function summariseColors(
  colors: readonly DominantColor[],
  minPercent = MIN_COLOR_PERCENT,
): DominantColor[] {
  const byName = new Map<string, { largest: DominantColor; percent: number }>()
  for (const color of colors) {
    const name = colorName(color)
    const seen = byName.get(name)
    if (!seen) byName.set(name, { largest: color, percent: color.pixelPercent })
    else {
      seen.percent += color.pixelPercent
      if (color.pixelPercent > seen.largest.pixelPercent) seen.largest = color
    }
  }
  return [...byName.values()]
    .map(({ largest, percent }) => ({ ...largest, pixelPercent: percent }))
    .filter((color) => color.pixelPercent >= minPercent)
    .sort((a, b) => b.pixelPercent - a.pixelPercent)
}
