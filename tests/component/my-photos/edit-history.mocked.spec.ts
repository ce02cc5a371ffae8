// The editor wired to the history and autosave, with the S3 calls mocked by an in-memory
// document store: every box change and label switch becomes one undo step, undo and redo show
// in the editor, and what is saved carries the history so undo survives a reload.
import { effectScope, nextTick } from 'vue'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { useAnalysisHistory } from '../../../src/composables/useAnalysisHistory'
import {
  createDocument,
  parseDocument,
  serializeDocument,
  type AnalysisDocument,
} from '../../../src/lib/analysis-document'
import { SaveConflictError } from '../../../src/lib/autosave'
import { useAnalysisStore } from '../../../src/stores/analysis'
import { useAutosaveStore } from '../../../src/stores/autosave'
import { useSessionStore } from '../../../src/stores/session'
import { box, catLabels } from '../../unit/label-fixtures'

const stored = vi.hoisted(() => ({ text: null as string | null, etag: 0, writes: 0 }))

vi.mock('../../../src/aws', () => ({
  readAnalysis: () =>
    Promise.resolve(
      stored.text === null
        ? null
        : { document: parseDocument(stored.text), etag: `"${stored.etag}"` },
    ),
  writeAnalysis: (_s: unknown, _k: string, document: AnalysisDocument, etag: string | null) => {
    stored.writes += 1
    const current = stored.text === null ? null : `"${stored.etag}"`
    if (etag !== current) return Promise.reject(new SaveConflictError('412'))
    stored.text = serializeDocument(document)
    stored.etag += 1
    return Promise.resolve(`"${stored.etag}"`)
  },
}))

const photoKey = 'u/guest/0123456789abcdef0123456789abcdef.jpg'

function setup() {
  setActivePinia(createPinia())
  const session = useSessionStore()
  session.ensureSession = () =>
    Promise.resolve({} as Awaited<ReturnType<typeof session.ensureSession>>)
  const analysis = useAnalysisStore()
  const autosave = useAutosaveStore()
  const result = {
    labels: catLabels,
    boxes: [box('b1', 'Cat', 97), box('b2', 'Kitten', 80)],
    imageProperties: null,
    labelModelVersion: '3.0',
  }
  analysis.load(result, 0)
  const document = createDocument({
    photo: {
      key: photoKey,
      width: 400,
      height: 300,
      originalName: 'cat.jpg',
      addedAt: '2026-01-01T00:00:00.000Z',
    },
    settings: {
      maxLabels: 10,
      minConfidence: 0,
      imageProperties: false,
      includeCategories: [],
      excludeCategories: [],
    },
    response: { Labels: [] },
    analysis: result,
    savedAt: '2026-01-01T00:00:00.000Z',
  })
  autosave.open(photoKey, document, null)
  const scope = effectScope()
  scope.run(() => useAnalysisHistory())
  return { analysis, autosave, scope }
}

const shownBox = (analysis: ReturnType<typeof useAnalysisStore>, id: string) =>
  analysis.boxes.find((entry) => entry.id === id)

describe('editor history and autosave (mocked S3)', () => {
  beforeEach(() => {
    stored.text = null
    stored.etag = 0
    stored.writes = 0
  })

  it('records a move as one undo step; undo and redo show in the editor', () => {
    const { analysis, autosave, scope } = setup()
    const moved = { left: 0.3, top: 0.2, width: 0.4, height: 0.5 }
    analysis.moveBox('b1', moved)
    expect(autosave.canUndo).toBe(true)
    expect(autosave.document?.state.analysis.boxes[0]?.box).toEqual(moved)
    expect(autosave.undo()).toBe(true)
    expect(shownBox(analysis, 'b1')?.box).toEqual({ left: 0.1, top: 0.1, width: 0.5, height: 0.5 })
    expect(shownBox(analysis, 'b1')?.edited).toBe(false)
    expect(autosave.canRedo).toBe(true)
    expect(autosave.redo()).toBe(true)
    expect(shownBox(analysis, 'b1')?.box).toEqual(moved)
    // Showing the history's own state records nothing new.
    expect(autosave.document?.history.past).toHaveLength(1)
    scope.stop()
  })

  it('undoes delete, relabel, a drawn box and "Hide all" one step each', async () => {
    const { analysis, autosave, scope } = setup()
    analysis.removeBox('b2')
    analysis.relabelBox('b1', 'Tabby')
    const drawn = analysis.addBox('Sticker', { left: 0.6, top: 0.6, width: 0.2, height: 0.2 })
    analysis.hideAll()
    await nextTick() // label switches are picked up by a watcher
    expect(autosave.document?.history.past.map((entry) => entry.edit.kind)).toEqual([
      'delete-box',
      'rename-box',
      'add-box',
      'batch',
    ])
    autosave.undo()
    expect(analysis.hiddenLabels.size).toBe(0)
    autosave.undo()
    expect(shownBox(analysis, drawn ?? '')).toBeUndefined()
    autosave.undo()
    expect(shownBox(analysis, 'b1')?.label).toBe('Cat')
    autosave.undo()
    expect(analysis.boxes.map((entry) => entry.id)).toEqual(['b1', 'b2'])
    expect(autosave.canUndo).toBe(false)
    scope.stop()
  })

  it('saves the edits with their history, so undo works on the document read back', async () => {
    const { analysis, autosave, scope } = setup()
    analysis.moveBox('b1', { left: 0.2, top: 0.2, width: 0.3, height: 0.3 })
    await autosave.flush()
    expect(autosave.save.status).toBe('saved')
    expect(stored.writes).toBe(1)
    const reloaded = parseDocument(stored.text!)
    expect(reloaded.state.analysis.boxes[0]?.box).toEqual({
      left: 0.2,
      top: 0.2,
      width: 0.3,
      height: 0.3,
    })
    expect(reloaded.history.past).toHaveLength(1)
    expect(autosave.hasUnsavedChanges).toBe(false)
    scope.stop()
  })
})
