// A DetectLabels answer (Rekognition's, or any detector's in the same shape) → the app's strict
// types. Nothing optional or out of range passes this line. The shapes below are the wire
// format with every field optional, as the AWS SDK types it, so the SDK's output fits as it is.
import type {
  DetectedLabel,
  DominantColor,
  ImageProperties,
  ImageQuality,
  LabelAnalysis,
  LabelBox,
} from './analysis'
import { clampNormalizedBox } from './geometry'

type Maybe<T> = T | undefined

interface AnswerColor {
  Red?: Maybe<number>
  Green?: Maybe<number>
  Blue?: Maybe<number>
  HexCode?: Maybe<string>
  CSSColor?: Maybe<string>
  SimplifiedColor?: Maybe<string>
  PixelPercent?: Maybe<number>
}

interface AnswerQuality {
  Brightness?: Maybe<number>
  Sharpness?: Maybe<number>
  Contrast?: Maybe<number>
}

interface AnswerRegion {
  Quality?: Maybe<AnswerQuality>
  DominantColors?: Maybe<AnswerColor[]>
}

interface AnswerLabel {
  Name?: Maybe<string>
  Confidence?: Maybe<number>
  Instances?: Maybe<
    {
      BoundingBox?: Maybe<{
        Width?: Maybe<number>
        Height?: Maybe<number>
        Left?: Maybe<number>
        Top?: Maybe<number>
      }>
      Confidence?: Maybe<number>
      DominantColors?: Maybe<AnswerColor[]>
    }[]
  >
  Parents?: Maybe<{ Name?: Maybe<string> }[]>
  Aliases?: Maybe<{ Name?: Maybe<string> }[]>
  Categories?: Maybe<{ Name?: Maybe<string> }[]>
}

/** A DetectLabels response body as JSON. */
export interface DetectLabelsAnswer {
  Labels?: Maybe<AnswerLabel[]>
  ImageProperties?: Maybe<
    AnswerRegion & { Foreground?: Maybe<AnswerRegion>; Background?: Maybe<AnswerRegion> }
  >
  LabelModelVersion?: Maybe<string>
}

function finite(value: number | undefined, fallback = 0): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback
}

function names(list: { Name?: string | undefined }[] | undefined): string[] {
  return (list ?? []).map((item) => item.Name ?? '').filter((name) => name !== '')
}

function toDominantColors(colors: AnswerColor[] | undefined): DominantColor[] {
  return (colors ?? []).map((color) => ({
    red: finite(color.Red),
    green: finite(color.Green),
    blue: finite(color.Blue),
    hexCode: color.HexCode ?? '',
    cssColor: color.CSSColor ?? '',
    simplifiedColor: color.SimplifiedColor ?? '',
    pixelPercent: finite(color.PixelPercent),
  }))
}

function toQuality(quality: AnswerQuality | undefined): ImageQuality {
  return {
    brightness: finite(quality?.Brightness),
    sharpness: finite(quality?.Sharpness),
    contrast: finite(quality?.Contrast),
  }
}

function toImageProperties(response: DetectLabelsAnswer): ImageProperties | null {
  const properties = response.ImageProperties
  if (!properties) return null
  const result: ImageProperties = {
    quality: toQuality(properties.Quality),
    dominantColors: toDominantColors(properties.DominantColors),
  }
  if (properties.Foreground)
    result.foreground = {
      quality: toQuality(properties.Foreground.Quality),
      dominantColors: toDominantColors(properties.Foreground.DominantColors),
    }
  if (properties.Background)
    result.background = {
      quality: toQuality(properties.Background.Quality),
      dominantColors: toDominantColors(properties.Background.DominantColors),
    }
  return result
}

/**
 * Labels and their instances' boxes. Instances without a complete box are dropped (there is
 * nothing to draw); boxes that reach past the photo's edges are clipped to it.
 */
export function toLabelAnalysis(response: DetectLabelsAnswer, makeId: () => string): LabelAnalysis {
  const labels: DetectedLabel[] = []
  const boxes: LabelBox[] = []
  for (const label of response.Labels ?? []) {
    if (!label.Name) continue
    const confidence = finite(label.Confidence)
    labels.push({
      name: label.Name,
      confidence,
      parents: names(label.Parents),
      aliases: names(label.Aliases),
      categories: names(label.Categories),
    })
    for (const instance of label.Instances ?? []) {
      const box = instance.BoundingBox
      if (
        !box ||
        typeof box.Left !== 'number' ||
        typeof box.Top !== 'number' ||
        typeof box.Width !== 'number' ||
        typeof box.Height !== 'number'
      )
        continue
      const clamped = clampNormalizedBox({
        left: box.Left,
        top: box.Top,
        width: box.Width,
        height: box.Height,
      })
      if (clamped.width <= 0 || clamped.height <= 0) continue
      boxes.push({
        id: makeId(),
        label: label.Name,
        confidence: finite(instance.Confidence, confidence),
        box: clamped,
        source: 'detected',
        edited: false,
        dominantColors: toDominantColors(instance.DominantColors),
      })
    }
  }
  return {
    labels,
    boxes,
    imageProperties: toImageProperties(response),
    labelModelVersion: response.LabelModelVersion ?? '',
  }
}
