// The JSON document saved beside each photo: what DetectLabels returned, the settings it ran
// with, the edited state and the undo history. Versioned so older documents can be migrated.
// Reading a stored document back is document-reader.ts; merging two tabs' edits document-merge.ts.
import type { DetectionSettings, LabelAnalysis } from './analysis'
import { createState, type AnalysisState } from './edits'
import { createHistory, type History } from './history'

export const SCHEMA_VERSION = 1

export interface PhotoInfo {
  /** S3 key of the photo. */
  key: string
  width: number
  height: number
  originalName: string
  /** ISO 8601. */
  addedAt: string
}

export interface AnalysisDocument {
  schemaVersion: typeof SCHEMA_VERSION
  photo: PhotoInfo
  settings: DetectionSettings
  /** The DetectLabels response as received (JSON, without SDK metadata); kept for re-parsing. */
  response: unknown
  state: AnalysisState
  history: History
  /** ISO 8601; decides same-box conflicts in mergeDocuments. */
  savedAt: string
}

export class DocumentError extends Error {
  override name = 'DocumentError'
}

export interface NewDocument {
  photo: PhotoInfo
  settings: DetectionSettings
  response: unknown
  analysis: LabelAnalysis
  savedAt: string
}

export function createDocument(input: NewDocument): AnalysisDocument {
  return {
    schemaVersion: SCHEMA_VERSION,
    photo: input.photo,
    settings: input.settings,
    response: input.response,
    state: createState(input.analysis),
    history: createHistory(),
    savedAt: input.savedAt,
  }
}

/** A photo just labelled: what the first document of it is made of. */
export interface DetectedPhoto {
  photoKey: string
  width: number
  height: number
  fileName: string
  /** ISO 8601: when the photo was first added (kept when it is labelled again). */
  addedAt: string
  /** The settings the detector says it used, not the ones asked for. */
  settings: DetectionSettings
  /** The detector's answer as received. */
  response: unknown
  analysis: LabelAnalysis
}

/** The first document of a labelled photo: the detection as it came, no edits yet. */
export function firstDocument(photo: DetectedPhoto, savedAt: string): AnalysisDocument {
  return createDocument({
    photo: {
      key: photo.photoKey,
      width: photo.width,
      height: photo.height,
      originalName: photo.fileName,
      addedAt: photo.addedAt,
    },
    settings: {
      maxLabels: photo.settings.maxLabels,
      minConfidence: photo.settings.minConfidence,
      imageProperties: photo.settings.imageProperties,
      includeCategories: [...photo.settings.includeCategories],
      excludeCategories: [...photo.settings.excludeCategories],
    },
    response: photo.response,
    analysis: photo.analysis,
    savedAt,
  })
}

/** The document after the user's latest edits, stamped for saving. */
export function updateDocument(
  document: AnalysisDocument,
  state: AnalysisState,
  history: History,
  savedAt: string,
): AnalysisDocument {
  return { ...document, state, history, savedAt }
}

export function serializeDocument(document: AnalysisDocument): string {
  return JSON.stringify(document)
}
