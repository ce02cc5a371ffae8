// The app's own, strict shapes for what DetectLabels found and what the user changed.
// src/aws/ converts SDK responses into these; everything else in the app works on them.
import type { NormalizedBox } from './geometry'

/** One colour as Rekognition describes it. */
export interface DominantColor {
  red: number
  green: number
  blue: number
  hexCode: string
  cssColor: string
  simplifiedColor: string
  pixelPercent: number
}

export interface ImageQuality {
  brightness: number
  sharpness: number
  contrast: number
}

export interface ImageProperties {
  quality: ImageQuality
  dominantColors: DominantColor[]
  foreground?: { quality: ImageQuality; dominantColors: DominantColor[] }
  background?: { quality: ImageQuality; dominantColors: DominantColor[] }
}

/** A label as returned by DetectLabels, without its instances (those become boxes). */
export interface DetectedLabel {
  name: string
  /** 0–100, as Rekognition reports it. */
  confidence: number
  parents: string[]
  aliases: string[]
  categories: string[]
}

/** One box on the photo: detected by Rekognition or drawn by the user. */
export interface LabelBox {
  id: string
  label: string
  /** 0–100; null for a box the user drew. */
  confidence: number | null
  box: NormalizedBox
  source: 'detected' | 'user'
  /** True once the user moved, resized or relabelled it. */
  edited: boolean
  dominantColors: DominantColor[]
}

export interface LabelAnalysis {
  labels: DetectedLabel[]
  boxes: LabelBox[]
  imageProperties: ImageProperties | null
  labelModelVersion: string
}

/** The settings a detection ran with, kept beside the result. */
export interface DetectionSettings {
  maxLabels: number
  minConfidence: number
  imageProperties: boolean
  includeCategories: string[]
  excludeCategories: string[]
}
