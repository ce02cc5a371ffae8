// The analysis store (the one owner of the open photo's analysis) and the editor's view store,
// with the AWS door replaced by an in-memory document store (mocked S3): every edit is applied,
// recorded and saved once; nudges of one box merge into one undo step and one save; view state
// never reaches the document.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import {
  firstDocument,
  serializeDocument,
  type AnalysisDocument,
} from '../../../src/lib/analysis-document'
import { parseDocument } from '../../../src/lib/document-reader'
import { SaveConflictError } from '../../../src/lib/autosave'
import type { AwsDoor } from '../../../src/services/aws-door'
import { useAnalysisStore } from '../../../src/stores/analysis'
import { useEditorStore } from '../../../src/stores/editor'
import { useSessionStore } from '../../../src/stores/session'
import { box, catLabels } from '../label-fixtures'

const photoKey = 'u/guest/0123456789abcdef0123456789abcdef.jpg'

interface StoredDocument {
  text: string | null
  etag: number
  writes: number
}

function fakeDoor(stored: StoredDocument): AwsDoor {
  const door = {
    readAnalysis: () =>
      Promise.resolve(
        stored.text === null
          ? null
          : { document: parseDocument(stored.text), etag: `"${stored.etag}"` },
      ),
    writeAnalysis: (_key: string, document: AnalysisDocument, etag: string | null) => {
      stored.writes += 1
      const current = stored.text === null ? null : `"${stored.etag}"`
      if (etag !== current) return Promise.reject(new SaveConflictError('412'))
      stored.text = serializeDocument(document)
      stored.etag += 1
      return Promise.resolve(`"${stored.etag}"`)
    },
  }
  return door as unknown as AwsDoor
}

function catDocument(): AnalysisDocument {
  return firstDocument(
    {
      photoKey,
      width: 400,
      height: 300,
      fileName: 'cat.jpg',
      addedAt: '2026-01-01T00:00:00.000Z',
      settings: {
        maxLabels: 10,
        minConfidence: 55,
        imageProperties: false,
        includeCategories: [],
        excludeCategories: [],
      },
      response: { Labels: [] },
      analysis: {
        labels: catLabels,
        boxes: [box('b1', 'Cat', 96), box('b2', 'Cat', 50), box('k1', 'Kitten', 80)],
        imageProperties: null,
        labelModelVersion: '3.0',
      },
    },
    '2026-01-01T00:00:00.000Z',
  )
}

function setup() {
  setActivePinia(createPinia())
  const stored: StoredDocument = { text: null, etag: 0, writes: 0 }
  vi.spyOn(useSessionStore(), 'door').mockResolvedValue(fakeDoor(stored))
  const analysis = useAnalysisStore()
  const editor = useEditorStore()
  return { analysis, editor, stored }
}

async function opened() {
  const context = setup()
  const document = catDocument()
  await context.analysis.start(photoKey, document)
  context.editor.reset(document.settings.minConfidence)
  return context
}

const boxOf = (analysis: ReturnType<typeof useAnalysisStore>, id: string) =>
  analysis.boxes.find((entry) => entry.id === id)

describe('analysis store (mocked S3)', () => {
  beforeEach(() => vi.useRealTimers())

  it('writes a fresh detection at once, as the first version (If-None-Match)', async () => {
    const { analysis, stored } = await opened()
    expect(stored.writes).toBe(1)
    expect(parseDocument(stored.text!).photo.key).toBe(photoKey)
    expect(analysis.save.status).toBe('saved')
    expect(analysis.canUndo).toBe(false)
  })

  it('applies, records and saves an edit once', async () => {
    const { analysis, stored } = await opened()
    const moved = { left: 0.3, top: 0.2, width: 0.4, height: 0.5 }
    expect(analysis.reshapeBox('b1', moved, 'drag')).toBe(true)
    expect(boxOf(analysis, 'b1')?.box).toEqual(moved)
    expect(boxOf(analysis, 'b1')?.edited).toBe(true)
    expect(analysis.document?.history.past).toHaveLength(1)
    await analysis.flush()
    expect(stored.writes).toBe(2)
    expect(parseDocument(stored.text!).state.analysis.boxes[0]?.box).toEqual(moved)
    // The same geometry again changes nothing and records nothing.
    expect(analysis.reshapeBox('b1', moved, 'drag')).toBe(false)
    expect(analysis.document?.history.past).toHaveLength(1)
  })

  it('merges ten quick nudges of one box into one undo step and one save', async () => {
    vi.useFakeTimers({ now: Date.parse('2026-12-01T10:00:00Z') })
    const { analysis, stored } = await opened()
    const start = boxOf(analysis, 'b1')!.box
    for (let step = 1; step <= 10; step += 1) {
      analysis.reshapeBox('b1', { ...start, left: start.left + step * 0.01 }, 'nudge')
      vi.advanceTimersByTime(100)
    }
    expect(analysis.document?.history.past).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1000)
    expect(stored.writes).toBe(2)
    expect(analysis.undo()).toBe(true)
    expect(boxOf(analysis, 'b1')?.box).toEqual(start)
    expect(analysis.canUndo).toBe(false)
  })

  it('keeps nudges a second apart, drags, and nudges of two boxes as separate steps', async () => {
    vi.useFakeTimers({ now: Date.parse('2026-12-01T10:00:00Z') })
    const { analysis } = await opened()
    const start = boxOf(analysis, 'b1')!.box
    analysis.reshapeBox('b1', { ...start, left: 0.11 }, 'nudge')
    vi.advanceTimersByTime(1001)
    analysis.reshapeBox('b1', { ...start, left: 0.12 }, 'nudge')
    analysis.reshapeBox('k1', { ...start, left: 0.3 }, 'nudge')
    analysis.reshapeBox('k1', { ...start, left: 0.4 }, 'drag')
    expect(analysis.document?.history.past).toHaveLength(4)
  })

  it('undoes delete, relabel, a drawn box and "Hide all" one step each', async () => {
    const { analysis } = await opened()
    analysis.deleteBox('b2')
    analysis.relabelBox('b1', 'Tabby')
    const drawn = analysis.addBox('Sticker', { left: 0.6, top: 0.6, width: 0.2, height: 0.2 })
    analysis.hideAll()
    expect(analysis.document?.history.past.map((entry) => entry.edit.kind)).toEqual([
      'delete-box',
      'rename-box',
      'add-box',
      'batch',
    ])
    analysis.undo()
    expect(analysis.state?.hiddenLabels).toEqual([])
    analysis.undo()
    expect(boxOf(analysis, drawn ?? '')).toBeUndefined()
    analysis.undo()
    expect(boxOf(analysis, 'b1')?.label).toBe('Cat')
    analysis.undo()
    expect(analysis.boxes.map((entry) => entry.id)).toEqual(['b1', 'b2', 'k1'])
    expect(analysis.canUndo).toBe(false)
    expect(analysis.redo()).toBe(true)
    expect(analysis.boxes.map((entry) => entry.id)).toEqual(['b1', 'k1'])
  })

  it('clamps boxes to the photo and ignores empty ones', async () => {
    const { analysis } = await opened()
    analysis.reshapeBox('b1', { left: 0.8, top: -0.2, width: 0.5, height: 0.5 }, 'drag')
    const moved = boxOf(analysis, 'b1')
    expect(moved?.box.left).toBeCloseTo(0.8)
    expect(moved?.box.width).toBeCloseTo(0.2)
    expect(moved?.box.top).toBe(0)
    expect(analysis.addBox('Empty', { left: 0.5, top: 0.5, width: 0, height: 0.2 })).toBeNull()
    expect(analysis.addBox('  ', { left: 0.1, top: 0.1, width: 0.2, height: 0.2 })).toBeNull()
  })

  it('another tab’s write is merged in and both edits survive', async () => {
    const { analysis, stored } = await opened()
    // Another tab deletes k1 and saves first.
    const theirs = parseDocument(stored.text!)
    theirs.state.analysis.boxes = theirs.state.analysis.boxes.filter((entry) => entry.id !== 'k1')
    theirs.savedAt = '2026-01-01T00:00:01.000Z'
    stored.text = serializeDocument(theirs)
    stored.etag += 1
    analysis.relabelBox('b1', 'Tabby')
    await analysis.flush()
    expect(analysis.boxes.map((entry) => entry.id)).toEqual(['b1', 'b2'])
    expect(boxOf(analysis, 'b1')?.label).toBe('Tabby')
    expect(parseDocument(stored.text).state.analysis.boxes.map((entry) => entry.label)).toEqual([
      'Tabby',
      'Cat',
    ])
  })
})

describe('editor view store', () => {
  it('starts the slider at the detection’s minimum confidence and never saves it', async () => {
    const { analysis, editor, stored } = await opened()
    expect(editor.threshold).toBe(55)
    expect(editor.canvasBoxes.map((entry) => entry.visible)).toEqual([true, false, true])
    editor.setThreshold(0)
    editor.selectBox('b2')
    editor.setGroupMode('parents')
    await analysis.flush()
    expect(stored.writes).toBe(1)
    expect(analysis.canUndo).toBe(false)
  })

  it('counts and draws by the one rule: a hidden parent hides its children', async () => {
    const { analysis, editor } = await opened()
    editor.setThreshold(0)
    analysis.setLabelsVisible(['Cat'], false)
    // Kitten's parents include Cat: its box goes too.
    expect(editor.shownBoxes).toEqual([])
    expect(editor.sections.boxCount).toBe(0)
    expect(editor.view?.labelHiddenBy('Kitten')).toEqual({ kind: 'ancestor', name: 'Cat' })
    analysis.showAll()
    expect(editor.shownBoxes.map((entry) => entry.id)).toEqual(['b1', 'b2', 'k1'])
    analysis.setCategoryVisible('Animals and Pets', false)
    expect(editor.canvasBoxes.every((entry) => !entry.visible)).toBe(true)
  })

  it('drops the selection when the selected box is deleted or hidden', async () => {
    const { analysis, editor } = await opened()
    editor.selectBox('b1')
    expect(editor.selectedBox?.id).toBe('b1')
    analysis.setBoxVisible('b1', false)
    expect(editor.selectedBox).toBeNull()
    analysis.undo()
    expect(editor.selectedBox?.id).toBe('b1')
    analysis.deleteBox('b1')
    expect(editor.selectedBox).toBeNull()
    editor.selectBox('missing')
    expect(editor.selectedBoxId).toBeNull()
  })

  it('finishes a drawn box with the chosen label and selects it, or drops it on cancel', async () => {
    const { analysis, editor } = await opened()
    editor.setMode('draw')
    editor.startPendingBox({ left: 0.1, top: 0.1, width: 0.2, height: 0.2 })
    editor.finishPendingBox(null)
    expect(analysis.boxes).toHaveLength(3)
    expect(editor.mode).toBe('select')
    editor.startPendingBox({ left: 0.1, top: 0.1, width: 0.2, height: 0.2 })
    editor.finishPendingBox('Toy')
    expect(analysis.boxes.map((entry) => entry.label)).toContain('Toy')
    expect(editor.selectedBox?.label).toBe('Toy')
    expect(editor.pendingBox).toBeNull()
  })

  it('steps through a label’s shown boxes in turn, then none, skipping hidden ones', async () => {
    const { editor } = await opened()
    editor.stepSelectionThroughLabel('Cat')
    expect(editor.selectedBoxId).toBe('b1')
    // b2 (50 %) is under the 55 % threshold.
    editor.stepSelectionThroughLabel('Cat')
    expect(editor.selectedBoxId).toBeNull()
    editor.setThreshold(0)
    editor.stepSelectionThroughLabel('Cat')
    editor.stepSelectionThroughLabel('Cat')
    expect(editor.selectedBoxId).toBe('b2')
  })

  it('steps through the shown boxes from the keyboard, round the ends, skipping hidden ones', async () => {
    const { analysis, editor } = await opened()
    // Same top-left corner: reading order falls back to the id. b2 is under the threshold.
    editor.stepSelection(1)
    expect(editor.selectedBoxId).toBe('b1')
    editor.stepSelection(1)
    expect(editor.selectedBoxId).toBe('k1')
    editor.stepSelection(1)
    expect(editor.selectedBoxId).toBe('b1')
    editor.stepSelection(-1)
    expect(editor.selectedBoxId).toBe('k1')
    analysis.reshapeBox('b1', { left: 0.05, top: 0.6, width: 0.2, height: 0.2 }, 'drag')
    editor.selectBox(null)
    editor.stepSelection(1)
    expect(editor.selectedBoxId).toBe('k1')
  })

  it('relabels the selected box through the dialog, or keeps the label on cancel', async () => {
    const { analysis, editor } = await opened()
    editor.startRelabel()
    expect(editor.relabelling).toBe(false)
    editor.selectBox('k1')
    editor.startRelabel()
    expect(editor.relabelling).toBe(true)
    editor.finishRelabel(null)
    expect(editor.relabelling).toBe(false)
    expect(boxOf(analysis, 'k1')?.label).toBe('Kitten')
    editor.startRelabel()
    editor.finishRelabel('Lynx')
    expect(boxOf(analysis, 'k1')?.label).toBe('Lynx')
    expect(analysis.canUndo).toBe(true)
  })
})
