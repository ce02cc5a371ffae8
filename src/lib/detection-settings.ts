// The user's detection settings: defaults, limits, and reading them back from storage safely.
import type { DetectionSettings } from './analysis'
import { DEFAULT_MAX_MEGAPIXELS, megapixelsOfLongSide } from './photo-preparation'

/** Who labels a photo: Amazon Rekognition (through the AWS door) or this device. */
export type DetectionSource = 'rekognition' | 'device'

export const DETECTION_SOURCES: readonly DetectionSource[] = ['rekognition', 'device']

export interface AppSettings extends DetectionSettings {
  /** Most pixels of the prepared photo, in millions (its shape is kept). */
  maxMegapixels: number
  detectionSource: DetectionSource
}

export const DEFAULT_SETTINGS: AppSettings = {
  maxLabels: 50,
  minConfidence: 55,
  imageProperties: true,
  includeCategories: [],
  excludeCategories: [],
  maxMegapixels: DEFAULT_MAX_MEGAPIXELS,
  detectionSource: 'rekognition',
}

export const SETTINGS_LIMITS = {
  maxLabels: { min: 1, max: 1000 },
  minConfidence: { min: 0, max: 100 },
  maxMegapixels: { min: 0.5, max: 8 },
  /** DetectLabels accepts up to 100 filter names of up to 50 characters. */
  categories: { maxCount: 100, maxLength: 50 },
} as const

/** The stored pixel budget; settings saved before pixel counts carry a long side instead. */
function storedMegapixels(record: Record<string, unknown>): unknown {
  if (record.maxMegapixels !== undefined) return record.maxMegapixels
  const longSide = record.maxLongSide
  return typeof longSide === 'number' && Number.isFinite(longSide) && longSide > 0
    ? megapixelsOfLongSide(longSide)
    : undefined
}

function clampTenths(value: unknown, min: number, max: number, fallback: number): number {
  const number = typeof value === 'number' ? value : Number(value)
  if (value === undefined || value === '' || !Number.isFinite(number)) return fallback
  return Math.min(max, Math.max(min, Math.round(number * 10) / 10))
}

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
  const { maxLabels, minConfidence, maxMegapixels } = SETTINGS_LIMITS
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
    maxMegapixels: clampTenths(
      storedMegapixels(record),
      maxMegapixels.min,
      maxMegapixels.max,
      DEFAULT_SETTINGS.maxMegapixels,
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
