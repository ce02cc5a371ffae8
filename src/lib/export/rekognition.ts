// The edited analysis in the shape DetectLabels returns (PascalCase), so tools written against
// Rekognition's output read the corrected boxes unchanged.
import type { DominantColor, ImageProperties, ImageQuality } from '../analysis'
import { exportBoxes, type ExportBox } from './boxes'
import type { ExportPhoto } from './types'
import { passesThreshold, visibility } from '../visibility'
import type { WireDominantColor, WireInstance, WireLabel } from '../detection/wire'

/** Boxes the user drew have no detector score; they are reported as certain. */
export const USER_BOX_CONFIDENCE = 100

interface RekognitionQuality {
  Brightness: number
  Sharpness: number
  Contrast: number
}

export interface RekognitionLabelsJson {
  Labels: WireLabel[]
  LabelModelVersion: string
  ImageProperties?: {
    Quality: RekognitionQuality
    DominantColors: WireDominantColor[]
    Foreground?: { Quality: RekognitionQuality; DominantColors: WireDominantColor[] }
    Background?: { Quality: RekognitionQuality; DominantColors: WireDominantColor[] }
  }
}

function color(c: DominantColor): WireDominantColor {
  return {
    Red: c.red,
    Green: c.green,
    Blue: c.blue,
    HexCode: c.hexCode,
    CSSColor: c.cssColor,
    SimplifiedColor: c.simplifiedColor,
    PixelPercent: c.pixelPercent,
  }
}

function quality(q: ImageQuality): RekognitionQuality {
  return { Brightness: q.brightness, Sharpness: q.sharpness, Contrast: q.contrast }
}

function imageProperties(
  p: ImageProperties,
): NonNullable<RekognitionLabelsJson['ImageProperties']> {
  const region = (r: NonNullable<ImageProperties['foreground']>) => ({
    Quality: quality(r.quality),
    DominantColors: r.dominantColors.map(color),
  })
  return {
    Quality: quality(p.quality),
    DominantColors: p.dominantColors.map(color),
    ...(p.foreground ? { Foreground: region(p.foreground) } : {}),
    ...(p.background ? { Background: region(p.background) } : {}),
  }
}

function instance(entry: ExportBox): WireInstance {
  return {
    BoundingBox: {
      Width: entry.box.width,
      Height: entry.box.height,
      Left: entry.box.left,
      Top: entry.box.top,
    },
    Confidence: entry.source.confidence ?? USER_BOX_CONFIDENCE,
    DominantColors: entry.source.dominantColors.map(color),
  }
}

const names = (list: string[]) => list.map((Name) => ({ Name }))

/**
 * Labels keep Rekognition's order and label-level data; each label's Instances are its visible
 * boxes after edits (moved, resized, renamed, added). A box renamed or drawn with a name
 * Rekognition did not return gets a new label after the detected ones, with the highest
 * confidence of its instances. Labels the list hides (switched off, under a hidden parent or
 * category, below the threshold) are left out unless one of their boxes is drawn.
 */
export function toRekognitionJson(photo: ExportPhoto): RekognitionLabelsJson {
  const { analysis } = photo.state
  const view = visibility(photo.state, photo.threshold)
  const instancesByLabel = new Map<string, WireInstance[]>()
  for (const entry of exportBoxes(photo)) {
    const list = instancesByLabel.get(entry.source.label) ?? []
    list.push(instance(entry))
    instancesByLabel.set(entry.source.label, list)
  }
  const detected: WireLabel[] = analysis.labels
    // As the label list shows them; a label keeps every box that is drawn whatever its own score.
    .filter(
      (label) =>
        instancesByLabel.has(label.name) ||
        (view.labelHiddenBy(label.name) === null &&
          passesThreshold(label.confidence, photo.threshold)),
    )
    .map((label) => ({
      Name: label.name,
      Confidence: label.confidence,
      Instances: instancesByLabel.get(label.name) ?? [],
      Parents: names(label.parents),
      Aliases: names(label.aliases),
      Categories: names(label.categories),
    }))
  const known = new Set(analysis.labels.map((label) => label.name))
  const added: WireLabel[] = [...instancesByLabel]
    .filter(([name]) => !known.has(name))
    .map(([name, instances]) => ({
      Name: name,
      Confidence: Math.max(...instances.map((i) => i.Confidence)),
      Instances: instances,
      Parents: [],
      Aliases: [],
      Categories: [],
    }))
  const json: RekognitionLabelsJson = {
    Labels: [...detected, ...added],
    LabelModelVersion: analysis.labelModelVersion,
  }
  if (analysis.imageProperties) json.ImageProperties = imageProperties(analysis.imageProperties)
  return json
}
