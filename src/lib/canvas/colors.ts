/**
 * Colours for boxes. Each label gets a hue from a hash of its name, so the colour is stable across
 * photos and sessions without a registry. Saturation and lightness are fixed where a 2 px outline
 * stands out on both dark and bright photos.
 */

/**
 * FNV-1a, then MurmurHash3's finaliser: FNV alone leaves names that differ in their last letter
 * (Cat, Car) with hashes a small multiple of its prime apart, hence near-identical hues.
 */
function hashLabel(text: string): number {
  let hash = 0x811c9dc5
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index)
    hash = Math.imul(hash, 0x01000193)
  }
  hash ^= hash >>> 16
  hash = Math.imul(hash, 0x85ebca6b)
  hash ^= hash >>> 13
  hash = Math.imul(hash, 0xc2b2ae35)
  hash ^= hash >>> 16
  return hash >>> 0
}

function hslToHex(hue: number, saturation: number, lightness: number): string {
  const chroma = (1 - Math.abs(2 * lightness - 1)) * saturation
  const sector = hue / 60
  const second = chroma * (1 - Math.abs((sector % 2) - 1))
  const [r, g, b] =
    sector < 1
      ? [chroma, second, 0]
      : sector < 2
        ? [second, chroma, 0]
        : sector < 3
          ? [0, chroma, second]
          : sector < 4
            ? [0, second, chroma]
            : sector < 5
              ? [second, 0, chroma]
              : [chroma, 0, second]
  const offset = lightness - chroma / 2
  const toHex = (channel: number) =>
    Math.round((channel + offset) * 255)
      .toString(16)
      .padStart(2, '0')
  return `#${toHex(r)}${toHex(g)}${toHex(b)}`
}

/**
 * Hues for the objects Rekognition boxes most often, 30° apart and arranged so labels that appear
 * together (Car and Wheel, Person and Dog) sit far apart on the wheel. A hash alone cannot promise
 * that: with 7 labels in 24 hues, two share one more often than not.
 */
const COMMON_LABEL_HUES: Readonly<Record<string, number>> = {
  person: 210,
  car: 30,
  wheel: 150,
  dog: 90,
  cat: 300,
  bird: 180,
  bicycle: 60,
  chair: 330,
  bottle: 0,
  cup: 120,
  truck: 270,
  handbag: 240,
}

/** Other labels take one of 24 hues 15° apart, offset so they never equal a common label's. */
const HASHED_HUE_COUNT = 24

/** The hue (0–359) a label gets; exported so tests can check that labels are told apart. */
export function labelHue(label: string): number {
  // Labels differ only in case between Rekognition and what a user types ("cat" vs "Cat").
  const key = label.trim().toLowerCase()
  const common = COMMON_LABEL_HUES[key]
  if (common !== undefined) return common
  return (hashLabel(key) % HASHED_HUE_COUNT) * (360 / HASHED_HUE_COUNT) + 7.5
}

/**
 * A stable, saturated colour for a label, as `#rrggbb`. Blues and violets are lightened: at the
 * same lightness they are far darker to the eye and vanish on dark photos.
 */
export function labelColor(label: string): string {
  const hue = labelHue(label)
  const lightness = hue >= 200 && hue <= 290 ? 0.66 : 0.55
  return hslToHex(hue, 0.9, lightness)
}

/**
 * The faint fill inside a box (8 %): it shows the box's extent and makes its inside tappable
 * (Konva hit-tests fills), while a box as large as the photo does not recolour the photo.
 */
export function translucent(color: string): string {
  return /^#[0-9a-f]{6}$/i.test(color) ? `${color}14` : 'rgba(255, 255, 255, 0.08)'
}

function channelLuminance(channel: number): number {
  const value = channel / 255
  return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4
}

/** WCAG relative luminance of a `#rrggbb` colour. */
export function relativeLuminance(hex: string): number {
  const value = Number.parseInt(hex.replace('#', ''), 16)
  const r = (value >> 16) & 0xff
  const g = (value >> 8) & 0xff
  const b = value & 0xff
  return 0.2126 * channelLuminance(r) + 0.7152 * channelLuminance(g) + 0.0722 * channelLuminance(b)
}

/** WCAG contrast ratio between two `#rrggbb` colours (1–21). */
export function contrastRatio(first: string, second: string): number {
  const a = relativeLuminance(first)
  const b = relativeLuminance(second)
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)
}

/** Black or white, whichever reads better as tag text on a label's colour. */
export function tagTextColor(background: string): '#000000' | '#ffffff' {
  if (!/^#[0-9a-f]{6}$/i.test(background)) return '#000000'
  return contrastRatio(background, '#000000') >= contrastRatio(background, '#ffffff')
    ? '#000000'
    : '#ffffff'
}
