import { describe, expect, it } from 'vitest'
import type { LabelAnalysis } from '../../src/lib/analysis'
import {
  createDocument,
  DocumentError,
  serializeDocument,
  updateDocument,
  type AnalysisDocument,
} from '../../src/lib/analysis-document'
import { mergeDocuments } from '../../src/lib/document-merge'
import { migrate, parseDocument } from '../../src/lib/document-reader'
import {
  addUserBox,
  applyEdit,
  deleteBox,
  renameBox,
  reshapeBox,
  setBoxVisibility,
  setLabelVisibility,
  type AnalysisState,
  type Edit,
} from '../../src/lib/edits'
import { record, undo, type History } from '../../src/lib/history'

const response = {
  Labels: [
    { Name: 'Dog', Confidence: 95.5, Instances: [], Parents: [], Aliases: [], Categories: [] },
  ],
  LabelModelVersion: '3.0',
}

function analysis(): LabelAnalysis {
  const box = (id: string, left: number) => ({
    id,
    label: 'Dog',
    confidence: 95.5,
    box: { left, top: 0.1, width: 0.2, height: 0.3 },
    source: 'detected' as const,
    edited: false,
    dominantColors: [],
  })
  return {
    labels: [{ name: 'Dog', confidence: 95.5, parents: [], aliases: [], categories: [] }],
    boxes: [box('a', 0.1), box('b', 0.4), box('c', 0.7)],
    imageProperties: null,
    labelModelVersion: '3.0',
  }
}

function baseDocument(): AnalysisDocument {
  return createDocument({
    photo: {
      key: 'guests/eu-west-1:abc/photos/1.jpg',
      width: 4032,
      height: 3024,
      originalName: 'IMG_0001.jpg',
      addedAt: '2026-11-27T10:00:00.000Z',
    },
    settings: {
      maxLabels: 20,
      minConfidence: 55,
      imageProperties: false,
      includeCategories: [],
      excludeCategories: [],
    },
    response,
    analysis: analysis(),
    savedAt: '2026-11-27T10:00:00.000Z',
  })
}

function must(edit: Edit | null): Edit {
  if (!edit) throw new Error('expected an edit')
  return edit
}

/** One tab applying edits and saving at `savedAt`. */
function edited(
  document: AnalysisDocument,
  savedAt: string,
  ...makers: ((state: AnalysisState) => Edit | null)[]
): AnalysisDocument {
  let state = document.state
  let history: History = document.history
  makers.forEach((make, i) => {
    const edit = must(make(state))
    state = applyEdit(state, edit)
    history = record(history, edit, Date.parse(savedAt) + i)
  })
  return updateDocument(document, state, history, savedAt)
}

const boxOf = (doc: AnalysisDocument, id: string) =>
  doc.state.analysis.boxes.find((box) => box.id === id)
const moveTo = (id: string, left: number) => (s: AnalysisState) =>
  reshapeBox(s, id, { left, top: 0.5, width: 0.1, height: 0.1 }, 'drag')

describe('serialize and parse', () => {
  it('round-trips a document with edits and history exactly', () => {
    const doc = edited(
      baseDocument(),
      '2026-11-27T10:01:00.000Z',
      moveTo('a', 0.05),
      (s) => renameBox(s, 'b', 'Wolf & "Co"'),
      (s) => addUserBox(s, 'u1', 'Ball', { left: 0.6, top: 0.6, width: 0.1, height: 0.1 }),
      (s) => deleteBox(s, 'c'),
      (s) => setLabelVisibility(s, 'Dog', false),
      (s) => setBoxVisibility(s, 'u1', false),
    )
    const parsed = parseDocument(serializeDocument(doc))
    expect(parsed).toEqual(doc)
    // Undo still works on what came back from storage.
    const step = undo(parsed.history, parsed.state)
    expect(step?.state.hiddenBoxIds).toEqual([])
  })

  it('rejects text that is not JSON, or JSON that is not a document', () => {
    expect(() => parseDocument('<html>oops')).toThrow(/not valid JSON/)
    expect(() => parseDocument('[1,2]')).toThrow(/expected a JSON object/)
    expect(() => parseDocument('{"hello":"world"}')).toThrow(/schemaVersion is missing/)
  })

  it('refuses documents from a newer app, saying so', () => {
    const future = { ...JSON.parse(serializeDocument(baseDocument())), schemaVersion: 2 }
    expect(() => parseDocument(JSON.stringify(future))).toThrow(/newer version.*schema 2/)
  })

  it('names the field that is wrong', () => {
    const doc = JSON.parse(serializeDocument(baseDocument())) as {
      state: { analysis: { boxes: { box: { left: unknown } }[] } }
    }
    const first = doc.state.analysis.boxes[1]
    if (!first) throw new Error('fixture box')
    first.box.left = 'far left'
    expect(() => parseDocument(JSON.stringify(doc))).toThrow(DocumentError)
    expect(() => parseDocument(JSON.stringify(doc))).toThrow('state.analysis.boxes[1].box.left')
  })

  it('rejects unknown edit kinds in the history', () => {
    const doc = JSON.parse(serializeDocument(baseDocument())) as { history: { past: unknown[] } }
    doc.history.past.push({ at: 1, edit: { kind: 'teleport-box' } })
    expect(() => parseDocument(JSON.stringify(doc))).toThrow('history.past[0].edit.kind')
  })
})

describe('migration', () => {
  /** The first prototype's shape: analysis and hidden labels at the top, no history. */
  function v0() {
    const { photo, settings, savedAt } = baseDocument()
    return {
      schemaVersion: 0,
      photo,
      settings,
      response,
      analysis: analysis(),
      hiddenLabels: ['Dog'],
      savedAt,
    }
  }

  it('turns a version 0 document into version 1 with empty history', () => {
    const parsed = parseDocument(JSON.stringify(v0()))
    expect(parsed.schemaVersion).toBe(1)
    expect(parsed.state).toEqual({
      analysis: analysis(),
      hiddenLabels: ['Dog'],
      hiddenCategories: [],
      hiddenBoxIds: [],
    })
    expect(parsed.history.past).toEqual([])
    expect(parsed.response).toEqual(response)
  })

  it('leaves a current document as it is', () => {
    const current = JSON.parse(serializeDocument(baseDocument())) as Record<string, unknown>
    expect(migrate(current)).toBe(current)
  })

  it('refuses a version it has no step for', () => {
    expect(() => migrate({ schemaVersion: -1 })).toThrow(/Unknown .* version -1/)
  })
})

describe('mergeDocuments', () => {
  const base = baseDocument()
  const early = '2026-11-27T10:01:00.000Z'
  const late = '2026-11-27T10:02:00.000Z'

  it('keeps edits to different boxes from both tabs', () => {
    const mine = edited(base, early, moveTo('a', 0.01))
    const theirs = edited(base, late, (s) => deleteBox(s, 'b'), moveTo('c', 0.8))
    const merged = mergeDocuments(base, mine, theirs)
    expect(merged.state.analysis.boxes.map((b) => b.id)).toEqual(['a', 'c'])
    expect(boxOf(merged, 'a')?.box.left).toBe(0.01)
    expect(boxOf(merged, 'c')?.box.left).toBe(0.8)
    expect(merged.savedAt).toBe(late)
  })

  it('keeps boxes added on both sides', () => {
    const add = (id: string) => (s: AnalysisState) =>
      addUserBox(s, id, 'Ball', { left: 0, top: 0, width: 0.1, height: 0.1 })
    const merged = mergeDocuments(base, edited(base, early, add('m')), edited(base, late, add('t')))
    expect(merged.state.analysis.boxes.map((b) => b.id)).toEqual(['a', 'b', 'c', 'm', 't'])
  })

  it('on the same field of the same box, the later save wins whichever side it is', () => {
    const mineLate = edited(base, late, moveTo('a', 0.01))
    const theirsEarly = edited(base, early, moveTo('a', 0.02))
    expect(boxOf(mergeDocuments(base, mineLate, theirsEarly), 'a')?.box.left).toBe(0.01)
    const mineEarly = edited(base, early, moveTo('a', 0.01))
    const theirsLate = edited(base, late, moveTo('a', 0.02))
    expect(boxOf(mergeDocuments(base, mineEarly, theirsLate), 'a')?.box.left).toBe(0.02)
  })

  it('keeps a move from one tab and a rename from the other on the same box', () => {
    const mine = edited(base, late, moveTo('a', 0.01))
    const theirs = edited(base, early, (s) => renameBox(s, 'a', 'Wolf'))
    const a = boxOf(mergeDocuments(base, mine, theirs), 'a')
    expect(a?.box.left).toBe(0.01)
    expect(a?.label).toBe('Wolf')
    expect(a?.edited).toBe(true)
  })

  it('a delete against a change of the same box: the later save wins', () => {
    const deleteA = (s: AnalysisState) => deleteBox(s, 'a')
    const mergedDeleteLater = mergeDocuments(
      base,
      edited(base, late, deleteA),
      edited(base, early, moveTo('a', 0.3)),
    )
    expect(boxOf(mergedDeleteLater, 'a')).toBeUndefined()
    const mergedMoveLater = mergeDocuments(
      base,
      edited(base, early, deleteA),
      edited(base, late, moveTo('a', 0.3)),
    )
    expect(boxOf(mergedMoveLater, 'a')?.box.left).toBe(0.3)
  })

  it('merges visibility flags one by one and drops flags of deleted boxes', () => {
    const mine = edited(
      base,
      early,
      (s) => setBoxVisibility(s, 'a', false),
      (s) => setBoxVisibility(s, 'c', false),
    )
    const theirs = edited(
      base,
      late,
      (s) => setLabelVisibility(s, 'Dog', false),
      (s) => deleteBox(s, 'c'),
    )
    const merged = mergeDocuments(base, mine, theirs)
    expect(merged.state.hiddenBoxIds).toEqual(['a'])
    expect(merged.state.hiddenLabels).toEqual(['Dog'])
  })

  it("keeps this tab's history, and undo after the merge leaves the other tab's edits", () => {
    const mine = edited(base, early, moveTo('a', 0.01))
    const theirs = edited(base, late, moveTo('b', 0.9))
    const merged = mergeDocuments(base, mine, theirs)
    expect(merged.history).toEqual(mine.history)
    const step = undo(merged.history, merged.state)
    expect(step?.state.analysis.boxes[0]?.box.left).toBe(0.1)
    expect(step && boxOf({ ...merged, state: step.state }, 'b')?.box.left).toBe(0.9)
  })

  it('when one tab re-ran detection, the later document wins whole', () => {
    const rerun = {
      ...edited(base, late, moveTo('a', 0.5)),
      response: { Labels: [], LabelModelVersion: '3.0' },
    }
    const mine = edited(base, early, moveTo('b', 0.01))
    const merged = mergeDocuments(base, mine, rerun)
    expect(merged.response).toEqual(rerun.response)
    expect(merged.state).toEqual(rerun.state)
    expect(merged.history).toEqual(mine.history)
  })

  it('gives the same result as either side alone when only that side changed', () => {
    const mine = edited(base, early, moveTo('a', 0.01), (s) => setLabelVisibility(s, 'Dog', false))
    expect(mergeDocuments(base, mine, base).state).toEqual(mine.state)
    expect(mergeDocuments(base, base, mine).state).toEqual(mine.state)
  })
})
