// What the photo pipeline asks of a detection source. Today that is Rekognition's DetectLabels
// on the uploaded photo; detection on the device answers in the same shape.
import type { DetectionSettings } from '../lib/analysis'
import type { DetectLabelsAnswer } from '../lib/detect-labels-answer'

export interface DetectionRequest {
  /** The uploaded photo's key (null when the detector does not read from storage). */
  photoKey: string | null
  /** The prepared JPEG, as uploaded. */
  bytes: Uint8Array
  settings: DetectionSettings
  signal?: AbortSignal
}

export interface Detection {
  /** The answer in DetectLabels' shape, exactly as the source gave it. */
  answer: DetectLabelsAnswer
  /** The settings the source actually applied (it may clamp or ignore some). */
  settings: DetectionSettings
}

export interface Detector {
  /** Whether the photo must be in storage before `detect` (Rekognition reads it from S3). */
  readonly needsUpload: boolean
  detect(request: DetectionRequest): Promise<Detection>
}

/** The settings handed over, copied so the caller's later changes cannot reach the record. */
export function copySettings(settings: DetectionSettings): DetectionSettings {
  return {
    maxLabels: settings.maxLabels,
    minConfidence: settings.minConfidence,
    imageProperties: settings.imageProperties,
    includeCategories: [...settings.includeCategories],
    excludeCategories: [...settings.excludeCategories],
  }
}
