// Names for an RGB colour: the hex code, the nearest CSS named colour and Rekognition's
// simplified colour family.
import { CSS_NAMED_COLORS } from './css-colors'

export interface Rgb {
  red: number
  green: number
  blue: number
}

/** Rekognition's simplified palette. */
export type SimplifiedColor =
  | 'red'
  | 'orange'
  | 'yellow'
  | 'green'
  | 'blue'
  | 'purple'
  | 'pink'
  | 'brown'
  | 'black'
  | 'white'
  | 'grey'

const hexByte = (value: number): string =>
  Math.round(Math.min(255, Math.max(0, value)))
    .toString(16)
    .padStart(2, '0')

export function hexCode({ red, green, blue }: Rgb): string {
  return `#${hexByte(red)}${hexByte(green)}${hexByte(blue)}`
}

/** sRGB (0–255) → CIE L*a*b* (D65), where straight-line distance tracks perceived difference. */
export function toLab({ red, green, blue }: Rgb): [number, number, number] {
  const linear = (channel: number): number => {
    const value = channel / 255
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4
  }
  const r = linear(red)
  const g = linear(green)
  const b = linear(blue)
  const x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b
  const z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883
  const f = (t: number): number => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116)
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))]
}

const CSS_ENTRIES = Object.entries(CSS_NAMED_COLORS).map(([name, value]) => ({
  name,
  lab: toLab({ red: (value >> 16) & 0xff, green: (value >> 8) & 0xff, blue: value & 0xff }),
}))

/** Nearest CSS named colour by CIE76 distance (straight line in L*a*b*). */
export function nearestCssColor(color: Rgb): string {
  const [l, a, b] = toLab(color)
  let best = 'black'
  let bestDistance = Number.POSITIVE_INFINITY
  for (const named of CSS_ENTRIES) {
    const distance = (l - named.lab[0]) ** 2 + (a - named.lab[1]) ** 2 + (b - named.lab[2]) ** 2
    if (distance < bestDistance) {
      bestDistance = distance
      best = named.name
    }
  }
  return best
}

interface Hsl {
  /** Degrees, 0–360. */
  hue: number
  saturation: number
  lightness: number
}

function toHsl({ red, green, blue }: Rgb): Hsl {
  const r = red / 255
  const g = green / 255
  const b = blue / 255
  const max = Math.max(r, g, b)
  const min = Math.min(r, g, b)
  const lightness = (max + min) / 2
  const chroma = max - min
  if (chroma === 0) return { hue: 0, saturation: 0, lightness }
  const saturation = chroma / (1 - Math.abs(2 * lightness - 1))
  let hue: number
  if (max === r) hue = ((g - b) / chroma + 6) % 6
  else if (max === g) hue = (b - r) / chroma + 2
  else hue = (r - g) / chroma + 4
  return { hue: hue * 60, saturation, lightness }
}

/** The colour family a person would name: hue for chromatic colours, lightness for neutrals. */
export function simplifiedColor(color: Rgb): SimplifiedColor {
  const { hue, saturation, lightness } = toHsl(color)
  if (lightness < 0.12) return 'black'
  if (lightness > 0.92) return 'white'
  // Chroma rather than HSL saturation: near-black and near-white pixels have high saturation.
  const chroma = saturation * (1 - Math.abs(2 * lightness - 1))
  if (chroma < 0.12 || saturation < 0.15) {
    if (lightness < 0.22) return 'black'
    if (lightness > 0.85) return 'white'
    return 'grey'
  }
  if (hue < 15 || hue >= 345) return lightness > 0.7 ? 'pink' : 'red'
  if (hue < 45) return lightness < 0.45 || saturation < 0.4 ? 'brown' : 'orange'
  if (hue < 70) return lightness < 0.3 ? 'brown' : 'yellow'
  if (hue < 170) return 'green'
  if (hue < 260) return 'blue'
  if (hue < 290) return 'purple'
  return lightness > 0.45 ? 'pink' : 'purple'
}
