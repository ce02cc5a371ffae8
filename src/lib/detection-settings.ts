// The user's detection settings: defaults, limits, and reading them back from storage safely.
import type { DetectionSettings } from './analysis'
import { DEFAULT_MAX_LONG_SIDE } from './photo-preparation'

/** Who labels a photo: Amazon Rekognition (through the AWS door) or this device. */
export type DetectionSource = 'rekognition' | 'device'

export const DETECTION_SOURCES: readonly DetectionSource[] = ['rekognition', 'device']

export interface AppSettings extends DetectionSettings {
  /** The long side of the prepared photo, in pixels. */
  maxLongSide: number
  detectionSource: DetectionSource
}

export const DEFAULT_SETTINGS: AppSettings = {
  maxLabels: 50,
  minConfidence: 55,
  imageProperties: true,
  includeCategories: [],
  excludeCategories: [],
  maxLongSide: DEFAULT_MAX_LONG_SIDE,
  detectionSource: 'rekognition',
}

export const SETTINGS_LIMITS = {
  maxLabels: { min: 1, max: 1000 },
  minConfidence: { min: 0, max: 100 },
  maxLongSide: { min: 320, max: 4096 },
  /** DetectLabels accepts up to 100 filter names of up to 50 characters. */
  categories: { maxCount: 100, maxLength: 50 },
} as const

function clampInt(value: unknown, min: number, max: number, fallback: number): number {
  const number = typeof value === 'number' ? value : Number(value)
  if (!Number.isFinite(number)) return fallback
  return Math.min(max, Math.max(min, Math.round(number)))
}

export function cleanCategories(value: unknown): string[] {
  const list = typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value : []
  const names = list
    .filter((item): item is string => typeof item === 'string')
    .map((item) => item.trim())
    .filter((item) => item.length > 0 && item.length <= SETTINGS_LIMITS.categories.maxLength)
  return [...new Set(names)].slice(0, SETTINGS_LIMITS.categories.maxCount)
}

/** Whatever was stored (older versions, hand edits, nothing), as valid settings. */
export function normalizeSettings(raw: unknown): AppSettings {
  const record = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {}
  const { maxLabels, minConfidence, maxLongSide } = SETTINGS_LIMITS
  return {
    maxLabels: clampInt(record.maxLabels, maxLabels.min, maxLabels.max, DEFAULT_SETTINGS.maxLabels),
    minConfidence: clampInt(
      record.minConfidence,
      minConfidence.min,
      minConfidence.max,
      DEFAULT_SETTINGS.minConfidence,
    ),
    imageProperties:
      typeof record.imageProperties === 'boolean'
        ? record.imageProperties
        : DEFAULT_SETTINGS.imageProperties,
    includeCategories: cleanCategories(record.includeCategories),
    excludeCategories: cleanCategories(record.excludeCategories),
    maxLongSide: clampInt(
      record.maxLongSide,
      maxLongSide.min,
      maxLongSide.max,
      DEFAULT_SETTINGS.maxLongSide,
    ),
    detectionSource:
      DETECTION_SOURCES.find((source) => source === record.detectionSource) ??
      DEFAULT_SETTINGS.detectionSource,
  }
}

/** Without AWS config there is no Rekognition to ask: the device labels every photo. */
export function effectiveDetectionSource(
  chosen: DetectionSource,
  hasAwsConfig: boolean,
): DetectionSource {
  return hasAwsConfig ? chosen : 'device'
}

export function parseStoredSettings(json: string | null): AppSettings {
  if (!json) return { ...DEFAULT_SETTINGS }
  try {
    return normalizeSettings(JSON.parse(json))
  } catch {
    return { ...DEFAULT_SETTINGS }
  }
}
