// Reading a stored analysis document: untrusted JSON, migrated from older schema versions and
// validated field by field; a reader that fails names the path that is wrong.
import type {
  DetectedLabel,
  DetectionSettings,
  DominantColor,
  ImageProperties,
  ImageQuality,
  LabelAnalysis,
  LabelBox,
} from './analysis'
import {
  DocumentError,
  SCHEMA_VERSION,
  type AnalysisDocument,
  type PhotoInfo,
} from './analysis-document'
import type { AnalysisState, Edit, ReshapeGesture } from './edits'
import type { NormalizedBox } from './geometry'
import { createHistory, type History, type HistoryEntry } from './history'

type Fields = Record<string, unknown>

function fail(path: string, expected: string): never {
  throw new DocumentError(`Invalid analysis document: ${path} should be ${expected}`)
}

function readObject(value: unknown, path: string): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, 'an object')
  return value as Fields
}

function readString(value: unknown, path: string): string {
  if (typeof value !== 'string') fail(path, 'a string')
  return value
}

function readNumber(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(path, 'a finite number')
  return value
}

function readBoolean(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') fail(path, 'true or false')
  return value
}

function readArray<T>(value: unknown, path: string, item: (v: unknown, p: string) => T): T[] {
  if (!Array.isArray(value)) fail(path, 'an array')
  return value.map((entry, index) => item(entry, `${path}[${index}]`))
}

function readTimestamp(value: unknown, path: string): string {
  const text = readString(value, path)
  if (Number.isNaN(Date.parse(text))) fail(path, 'an ISO 8601 date')
  return text
}

function readPhoto(value: unknown, path: string): PhotoInfo {
  const o = readObject(value, path)
  return {
    key: readString(o.key, `${path}.key`),
    width: readNumber(o.width, `${path}.width`),
    height: readNumber(o.height, `${path}.height`),
    originalName: readString(o.originalName, `${path}.originalName`),
    addedAt: readTimestamp(o.addedAt, `${path}.addedAt`),
  }
}

function readSettings(value: unknown, path: string): DetectionSettings {
  const o = readObject(value, path)
  return {
    maxLabels: readNumber(o.maxLabels, `${path}.maxLabels`),
    minConfidence: readNumber(o.minConfidence, `${path}.minConfidence`),
    imageProperties: readBoolean(o.imageProperties, `${path}.imageProperties`),
    includeCategories: readArray(o.includeCategories, `${path}.includeCategories`, readString),
    excludeCategories: readArray(o.excludeCategories, `${path}.excludeCategories`, readString),
  }
}

function readNormalizedBox(value: unknown, path: string): NormalizedBox {
  const o = readObject(value, path)
  return {
    left: readNumber(o.left, `${path}.left`),
    top: readNumber(o.top, `${path}.top`),
    width: readNumber(o.width, `${path}.width`),
    height: readNumber(o.height, `${path}.height`),
  }
}

function readColor(value: unknown, path: string): DominantColor {
  const o = readObject(value, path)
  return {
    red: readNumber(o.red, `${path}.red`),
    green: readNumber(o.green, `${path}.green`),
    blue: readNumber(o.blue, `${path}.blue`),
    hexCode: readString(o.hexCode, `${path}.hexCode`),
    cssColor: readString(o.cssColor, `${path}.cssColor`),
    simplifiedColor: readString(o.simplifiedColor, `${path}.simplifiedColor`),
    pixelPercent: readNumber(o.pixelPercent, `${path}.pixelPercent`),
  }
}

function readQuality(value: unknown, path: string): ImageQuality {
  const o = readObject(value, path)
  return {
    brightness: readNumber(o.brightness, `${path}.brightness`),
    sharpness: readNumber(o.sharpness, `${path}.sharpness`),
    contrast: readNumber(o.contrast, `${path}.contrast`),
  }
}

function readRegion(value: unknown, path: string): ImageProperties['foreground'] {
  if (value === undefined) return undefined
  const o = readObject(value, path)
  return {
    quality: readQuality(o.quality, `${path}.quality`),
    dominantColors: readArray(o.dominantColors, `${path}.dominantColors`, readColor),
  }
}

function readImageProperties(value: unknown, path: string): ImageProperties | null {
  if (value === null) return null
  const o = readObject(value, path)
  const properties: ImageProperties = {
    quality: readQuality(o.quality, `${path}.quality`),
    dominantColors: readArray(o.dominantColors, `${path}.dominantColors`, readColor),
  }
  const foreground = readRegion(o.foreground, `${path}.foreground`)
  const background = readRegion(o.background, `${path}.background`)
  if (foreground) properties.foreground = foreground
  if (background) properties.background = background
  return properties
}

function readLabel(value: unknown, path: string): DetectedLabel {
  const o = readObject(value, path)
  return {
    name: readString(o.name, `${path}.name`),
    confidence: readNumber(o.confidence, `${path}.confidence`),
    parents: readArray(o.parents, `${path}.parents`, readString),
    aliases: readArray(o.aliases, `${path}.aliases`, readString),
    categories: readArray(o.categories, `${path}.categories`, readString),
  }
}

function readBox(value: unknown, path: string): LabelBox {
  const o = readObject(value, path)
  const source = o.source
  if (source !== 'detected' && source !== 'user') fail(`${path}.source`, '"detected" or "user"')
  return {
    id: readString(o.id, `${path}.id`),
    label: readString(o.label, `${path}.label`),
    confidence: o.confidence === null ? null : readNumber(o.confidence, `${path}.confidence`),
    box: readNormalizedBox(o.box, `${path}.box`),
    source,
    edited: readBoolean(o.edited, `${path}.edited`),
    dominantColors: readArray(o.dominantColors, `${path}.dominantColors`, readColor),
  }
}

function readAnalysis(value: unknown, path: string): LabelAnalysis {
  const o = readObject(value, path)
  return {
    labels: readArray(o.labels, `${path}.labels`, readLabel),
    boxes: readArray(o.boxes, `${path}.boxes`, readBox),
    imageProperties: readImageProperties(o.imageProperties, `${path}.imageProperties`),
    labelModelVersion: readString(o.labelModelVersion, `${path}.labelModelVersion`),
  }
}

function readState(value: unknown, path: string): AnalysisState {
  const o = readObject(value, path)
  return {
    analysis: readAnalysis(o.analysis, `${path}.analysis`),
    hiddenLabels: readArray(o.hiddenLabels, `${path}.hiddenLabels`, readString),
    // Documents saved before categories could be switched off have no such list.
    hiddenCategories:
      o.hiddenCategories === undefined
        ? []
        : readArray(o.hiddenCategories, `${path}.hiddenCategories`, readString),
    hiddenBoxIds: readArray(o.hiddenBoxIds, `${path}.hiddenBoxIds`, readString),
  }
}

/** Documents saved before the editor named its gestures called a drag "move". */
function readGesture(value: unknown, path: string): ReshapeGesture {
  if (value === 'move') return 'drag'
  if (value !== 'drag' && value !== 'resize' && value !== 'nudge') {
    fail(path, '"drag", "resize" or "nudge"')
  }
  return value
}

function readEdit(value: unknown, path: string): Edit {
  const o = readObject(value, path)
  const kind = o.kind
  switch (kind) {
    case 'reshape-box': {
      const gesture = readGesture(o.gesture, `${path}.gesture`)
      const geometry = (v: unknown, p: string) => {
        const g = readObject(v, p)
        return {
          box: readNormalizedBox(g.box, `${p}.box`),
          edited: readBoolean(g.edited, `${p}.edited`),
        }
      }
      return {
        kind,
        boxId: readString(o.boxId, `${path}.boxId`),
        gesture,
        before: geometry(o.before, `${path}.before`),
        after: geometry(o.after, `${path}.after`),
      }
    }
    case 'rename-box': {
      const name = (v: unknown, p: string) => {
        const n = readObject(v, p)
        return {
          label: readString(n.label, `${p}.label`),
          edited: readBoolean(n.edited, `${p}.edited`),
        }
      }
      return {
        kind,
        boxId: readString(o.boxId, `${path}.boxId`),
        before: name(o.before, `${path}.before`),
        after: name(o.after, `${path}.after`),
      }
    }
    case 'add-box':
    case 'delete-box':
      return {
        kind,
        box: readBox(o.box, `${path}.box`),
        index: readNumber(o.index, `${path}.index`),
      }
    case 'set-label-visibility':
      return {
        kind,
        label: readString(o.label, `${path}.label`),
        visible: readBoolean(o.visible, `${path}.visible`),
      }
    case 'set-category-visibility':
      return {
        kind,
        category: readString(o.category, `${path}.category`),
        visible: readBoolean(o.visible, `${path}.visible`),
      }
    case 'set-box-visibility':
      return {
        kind,
        boxId: readString(o.boxId, `${path}.boxId`),
        visible: readBoolean(o.visible, `${path}.visible`),
      }
    case 'batch':
      return { kind, edits: readArray(o.edits, `${path}.edits`, readEdit) }
    default:
      return fail(`${path}.kind`, 'a known edit kind')
  }
}

function readHistoryEntry(value: unknown, path: string): HistoryEntry {
  const o = readObject(value, path)
  return { edit: readEdit(o.edit, `${path}.edit`), at: readNumber(o.at, `${path}.at`) }
}

function readHistory(value: unknown, path: string): History {
  const o = readObject(value, path)
  const limit = readNumber(o.limit, `${path}.limit`)
  if (!Number.isInteger(limit) || limit < 1) fail(`${path}.limit`, 'a whole number ≥ 1')
  return {
    past: readArray(o.past, `${path}.past`, readHistoryEntry).slice(-limit),
    future: readArray(o.future, `${path}.future`, readHistoryEntry),
    limit,
  }
}

// ---- Migrations: each step turns version N into N + 1. ----

/**
 * Version 0 (the first prototype) kept the analysis and hidden labels at the top level, with
 * no per-box visibility and no history.
 */
function migrateV0(v0: Fields): Fields {
  const { analysis, hiddenLabels, ...rest } = v0
  return {
    ...rest,
    schemaVersion: 1,
    state: { analysis, hiddenLabels: hiddenLabels ?? [], hiddenCategories: [], hiddenBoxIds: [] },
    history: createHistory(),
  }
}

const MIGRATIONS: Record<number, (document: Fields) => Fields> = { 0: migrateV0 }

/** Brings a parsed document of any older schema version up to SCHEMA_VERSION, unvalidated. */
export function migrate(raw: Fields): Fields {
  let document = raw
  for (;;) {
    const version = document.schemaVersion
    if (typeof version !== 'number' || !Number.isInteger(version)) {
      throw new DocumentError('Not an Image Labels analysis document: schemaVersion is missing')
    }
    if (version === SCHEMA_VERSION) return document
    if (version > SCHEMA_VERSION) {
      throw new DocumentError(
        `This analysis was saved by a newer version of Image Labels (schema ${version}); ` +
          `this app reads up to schema ${SCHEMA_VERSION}`,
      )
    }
    const step = MIGRATIONS[version]
    if (!step) throw new DocumentError(`Unknown analysis document schema version ${version}`)
    document = step(document)
  }
}

/** Parses, migrates and validates a saved document; throws DocumentError saying what is wrong. */
export function parseDocument(text: string): AnalysisDocument {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw new DocumentError('Not an Image Labels analysis document: the file is not valid JSON')
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new DocumentError('Not an Image Labels analysis document: expected a JSON object')
  }
  const o = migrate(parsed as Fields)
  if (typeof o.response !== 'object' || o.response === null) fail('response', 'an object')
  return {
    schemaVersion: SCHEMA_VERSION,
    photo: readPhoto(o.photo, 'photo'),
    settings: readSettings(o.settings, 'settings'),
    response: o.response,
    state: readState(o.state, 'state'),
    history: readHistory(o.history, 'history'),
    savedAt: readTimestamp(o.savedAt, 'savedAt'),
  }
}
