import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  createDocument,
  serializeDocument,
  updateDocument,
  type AnalysisDocument,
} from '../../../src/lib/analysis-document'
import { parseDocument } from '../../../src/lib/document-reader'
import {
  Autosaver,
  retryDelayMs,
  SaveConflictError,
  type DocumentRemote,
  type SaveState,
  type SavedVersion,
} from '../../../src/lib/autosave'
import { applyEdit, renameBox, reshapeBox, type Edit } from '../../../src/lib/edits'
import { record, undo } from '../../../src/lib/history'

function baseDocument(): AnalysisDocument {
  const box = (id: string, left: number) => ({
    id,
    label: 'Cat',
    confidence: 90,
    box: { left, top: 0.1, width: 0.2, height: 0.2 },
    source: 'detected' as const,
    edited: false,
    dominantColors: [],
  })
  return createDocument({
    photo: {
      key: 'u/x/ab.jpg',
      width: 100,
      height: 100,
      originalName: 'cat.jpg',
      addedAt: '2026-01-01T00:00:00.000Z',
    },
    settings: {
      maxLabels: 5,
      minConfidence: 50,
      imageProperties: false,
      includeCategories: [],
      excludeCategories: [],
    },
    response: { Labels: [] },
    analysis: {
      labels: [],
      boxes: [box('b1', 0.1), box('b2', 0.5)],
      imageProperties: null,
      labelModelVersion: '3.0',
    },
    savedAt: '2026-01-01T00:00:00.000Z',
  })
}

let clock = Date.parse('2026-01-01T00:00:00.000Z')
function edit(document: AnalysisDocument, change: Edit | null): AnalysisDocument {
  if (!change) throw new Error('no change')
  clock += 1000
  const state = applyEdit(document.state, change)
  return updateDocument(
    document,
    state,
    record(document.history, change, clock),
    new Date(clock).toISOString(),
  )
}

const move = (document: AnalysisDocument, id: string, left: number) =>
  edit(
    document,
    reshapeBox(document.state, id, { left, top: 0.1, width: 0.2, height: 0.2 }, 'drag'),
  )

/** S3's conditional PutObject in memory; documents are stored as JSON like the real thing. */
class MemoryRemote implements DocumentRemote {
  stored: { text: string; etag: string } | null = null
  writes = 0
  failNext = 0
  private version = 0
  read(): Promise<SavedVersion | null> {
    const stored = this.stored
    return Promise.resolve(stored && { document: parseDocument(stored.text), etag: stored.etag })
  }
  write(document: AnalysisDocument, etag: string | null): Promise<string> {
    this.writes += 1
    if (this.failNext > 0) {
      this.failNext -= 1
      return Promise.reject(new Error('network down'))
    }
    if (etag === null ? this.stored !== null : this.stored?.etag !== etag) {
      return Promise.reject(new SaveConflictError('412'))
    }
    return Promise.resolve(this.put(document))
  }
  /** Another tab's write, unconditionally. */
  put(document: AnalysisDocument): string {
    this.version += 1
    this.stored = { text: serializeDocument(document), etag: `"v${this.version}"` }
    return this.stored.etag
  }
  get document(): AnalysisDocument {
    return parseDocument(this.stored!.text)
  }
}

describe('Autosaver', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('waits for a quiet moment and writes only the latest document', async () => {
    const remote = new MemoryRemote()
    const saved = { document: baseDocument(), etag: remote.put(baseDocument()) }
    const states: SaveState['status'][] = []
    const saver = new Autosaver({
      remote,
      saved,
      debounceMs: 500,
      onState: (s) => states.push(s.status),
    })
    const first = move(saved.document, 'b1', 0.2)
    const second = move(first, 'b1', 0.3)
    saver.change(first)
    await vi.advanceTimersByTimeAsync(300)
    saver.change(second)
    expect(saver.hasUnsavedChanges).toBe(true)
    await vi.advanceTimersByTimeAsync(499)
    expect(remote.writes).toBe(0)
    await vi.advanceTimersByTimeAsync(1)
    await saver.flush()
    expect(remote.writes).toBe(1)
    expect(remote.document).toEqual(second)
    expect(saver.hasUnsavedChanges).toBe(false)
    expect(states).toEqual(['pending', 'pending', 'saving', 'saved'])
  })

  it('retries a failed write with backoff and keeps the newest edits', async () => {
    const remote = new MemoryRemote()
    const saved = { document: baseDocument(), etag: remote.put(baseDocument()) }
    const saver = new Autosaver({ remote, saved, debounceMs: 100, now: () => 0 })
    remote.failNext = 2
    const first = move(saved.document, 'b1', 0.2)
    saver.change(first)
    await vi.advanceTimersByTimeAsync(100)
    expect(saver.current).toMatchObject({ status: 'retrying', retryAt: 1000 })
    expect(String(saver.current.error)).toContain('network down')
    const second = move(first, 'b2', 0.6)
    saver.change(second)
    expect(saver.current.status).toBe('retrying')
    await vi.advanceTimersByTimeAsync(1000)
    expect(saver.current).toMatchObject({ status: 'retrying', retryAt: 2000 })
    await vi.advanceTimersByTimeAsync(2000)
    expect(saver.current.status).toBe('saved')
    expect(remote.writes).toBe(3)
    expect(remote.document).toEqual(second)
    expect([1, 2, 3, 6, 10].map(retryDelayMs)).toEqual([1000, 2000, 4000, 30_000, 30_000])
  })

  it('merges with another tab’s save instead of overwriting it', async () => {
    const remote = new MemoryRemote()
    const loaded = { document: baseDocument(), etag: remote.put(baseDocument()) }
    const otherTab = edit(loaded.document, renameBox(loaded.document.state, 'b2', 'Kitten'))
    remote.put(otherTab)
    const merged: AnalysisDocument[] = []
    const saver = new Autosaver({ remote, saved: loaded, onMerged: (d) => merged.push(d) })
    const mine = move(loaded.document, 'b1', 0.3)
    saver.change(mine)
    await saver.flush()
    expect(saver.current).toMatchObject({ status: 'saved', merges: 1 })
    const boxes = remote.document.state.analysis.boxes
    expect(boxes.map((box) => [box.id, box.label, box.box.left])).toEqual([
      ['b1', 'Cat', 0.3],
      ['b2', 'Kitten', 0.5],
    ])
    expect(merged).toEqual([remote.document])
    // Undo after the merge takes back this tab's move and keeps the other tab's rename.
    const step = undo(remote.document.history, remote.document.state)
    expect(step?.state.analysis.boxes.map((box) => [box.label, box.box.left])).toEqual([
      ['Cat', 0.1],
      ['Kitten', 0.5],
    ])
  })

  it('keeps an edit made while a merged write was on its way', async () => {
    const remote = new MemoryRemote()
    const loaded = { document: baseDocument(), etag: remote.put(baseDocument()) }
    remote.put(edit(loaded.document, renameBox(loaded.document.state, 'b2', 'Kitten')))
    const shown: AnalysisDocument[] = []
    const saver = new Autosaver({
      remote,
      saved: loaded,
      debounceMs: 10,
      onMerged: (d) => shown.push(d),
    })
    const mine = move(loaded.document, 'b1', 0.3)
    saver.change(mine)
    const originalWrite = remote.write.bind(remote)
    let later: AnalysisDocument | null = null
    remote.write = (document, etag) => {
      // The user moves b1 again while the merged document is being written.
      if (!later && document !== mine) {
        later = move(mine, 'b1', 0.4)
        saver.change(later)
      }
      return originalWrite(document, etag)
    }
    await saver.flush()
    await vi.advanceTimersByTimeAsync(10)
    await saver.flush()
    const boxes = remote.document.state.analysis.boxes
    expect(boxes.map((box) => [box.label, box.box.left])).toEqual([
      ['Cat', 0.4],
      ['Kitten', 0.5],
    ])
    expect(shown[0]?.state.analysis.boxes.map((box) => [box.label, box.box.left])).toEqual([
      ['Cat', 0.4],
      ['Kitten', 0.5],
    ])
  })

  it('creates the document with If-None-Match and stores it again if it was deleted elsewhere', async () => {
    const remote = new MemoryRemote()
    const saver = new Autosaver({ remote, saved: null })
    saver.change(baseDocument())
    await saver.flush()
    const etag = saver.lastSaved?.etag
    expect(etag).toBe('"v1"')
    remote.stored = null
    saver.change(move(baseDocument(), 'b1', 0.2))
    await saver.flush()
    expect(saver.current.status).toBe('saved')
    expect(remote.document.state.analysis.boxes[0]?.box.left).toBe(0.2)
  })
})
