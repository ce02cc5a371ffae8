import { describe, expect, it } from 'vitest'
import type { LabelAnalysis } from '../../src/lib/analysis'
import {
  addUserBox,
  applyEdit,
  createState,
  deleteBox,
  renameBox,
  reshapeBox,
  setBoxVisibility,
  setCategoryVisibility,
  setLabelsVisibility,
  setLabelVisibility,
  showEverything,
  type AnalysisState,
  type Edit,
} from '../../src/lib/edits'
import {
  canRedo,
  canUndo,
  createHistory,
  NUDGE_COALESCE_MS,
  record,
  redo,
  undo,
  type History,
} from '../../src/lib/history'

function analysis(): LabelAnalysis {
  const box = (id: string, label: string, left: number) => ({
    id,
    label,
    confidence: 90,
    box: { left, top: 0.1, width: 0.2, height: 0.3 },
    source: 'detected' as const,
    edited: false,
    dominantColors: [],
  })
  return {
    labels: [
      { name: 'Dog', confidence: 95, parents: ['Animal'], aliases: [], categories: [] },
      { name: 'Cat', confidence: 90, parents: ['Animal'], aliases: [], categories: [] },
    ],
    boxes: [box('a', 'Dog', 0.1), box('b', 'Dog', 0.4), box('c', 'Cat', 0.7)],
    imageProperties: null,
    labelModelVersion: '3.0',
  }
}

function must(edit: Edit | null): Edit {
  if (!edit) throw new Error('expected an edit')
  return edit
}

/** Applies and records, as the store will. */
function perform(state: AnalysisState, history: History, edit: Edit, at = 0) {
  return { state: applyEdit(state, edit), history: record(history, edit, at) }
}

const initial = createState(analysis())
const editsOfEveryKind: [string, (s: AnalysisState) => Edit | null][] = [
  ['drag', (s) => reshapeBox(s, 'a', { left: 0.3, top: 0.3, width: 0.2, height: 0.3 }, 'drag')],
  ['resize', (s) => reshapeBox(s, 'b', { left: 0.4, top: 0.1, width: 0.5, height: 0.6 }, 'resize')],
  ['add', (s) => addUserBox(s, 'new', 'Ball', { left: 0, top: 0, width: 0.1, height: 0.1 })],
  ['delete', (s) => deleteBox(s, 'c')],
  ['rename', (s) => renameBox(s, 'a', 'Puppy')],
  ['hide labels', (s) => setLabelsVisibility(s, ['Dog', 'Cat'], false)],
  ['hide category', (s) => setCategoryVisibility(s, 'Other', false)],
  ['hide label', (s) => setLabelVisibility(s, 'Cat', false)],
  ['hide box', (s) => setBoxVisibility(s, 'b', false)],
]

describe('undo and redo', () => {
  it.each(editsOfEveryKind)(
    '%s: undo restores the state before, redo the state after',
    (_, make) => {
      const edit = must(make(initial))
      const done = perform(initial, createHistory(), edit)
      expect(done.state).not.toEqual(initial)
      const undone = undo(done.history, done.state)
      expect(undone?.state).toEqual(initial)
      const redone = undone && redo(undone.history, undone.state)
      expect(redone?.state).toEqual(done.state)
    },
  )

  it('"Show all" switches every label, category and box back on as one undo step', () => {
    const hidden: AnalysisState = {
      ...initial,
      hiddenLabels: ['Dog'],
      hiddenCategories: ['Other'],
      hiddenBoxIds: ['a'],
    }
    const done = perform(hidden, createHistory(), must(showEverything(hidden)))
    expect(done.state).toEqual(initial)
    expect(done.history.past).toHaveLength(1)
    expect(undo(done.history, done.state)?.state).toEqual(hidden)
    expect(showEverything(initial)).toBeNull()
  })

  it('undoes a run of different edits back to the start, in reverse order', () => {
    let { state, history } = { state: initial, history: createHistory() }
    for (const [, make] of editsOfEveryKind) {
      const edit = make(state)
      if (edit) ({ state, history } = perform(state, history, edit))
    }
    const final = state
    while (canUndo(history)) {
      const step = undo(history, state)
      if (!step) break
      ;({ state, history } = step)
    }
    expect(state).toEqual(initial)
    while (canRedo(history)) {
      const step = redo(history, state)
      if (!step) break
      ;({ state, history } = step)
    }
    expect(state).toEqual(final)
  })

  it('marks moved and renamed boxes edited, and undo clears the mark again', () => {
    const move = must(
      reshapeBox(initial, 'a', { left: 0, top: 0, width: 0.1, height: 0.1 }, 'drag'),
    )
    const done = perform(initial, createHistory(), move)
    expect(done.state.analysis.boxes[0]?.edited).toBe(true)
    expect(undo(done.history, done.state)?.state.analysis.boxes[0]?.edited).toBe(false)
  })

  it('deleting a hidden box and undoing brings it back hidden, in its place', () => {
    const hidden = applyEdit(initial, must(setBoxVisibility(initial, 'b', false)))
    const done = perform(hidden, createHistory(), must(deleteBox(hidden, 'b')))
    expect(done.state.hiddenBoxIds).toEqual([])
    const back = undo(done.history, done.state)?.state
    expect(back?.analysis.boxes.map((b) => b.id)).toEqual(['a', 'b', 'c'])
    expect(back?.hiddenBoxIds).toEqual(['b'])
  })

  it('a new edit clears redo', () => {
    const first = perform(initial, createHistory(), must(deleteBox(initial, 'a')))
    const undone = undo(first.history, first.state)
    if (!undone) throw new Error('undo possible')
    expect(canRedo(undone.history)).toBe(true)
    const second = perform(undone.state, undone.history, must(deleteBox(undone.state, 'b')))
    expect(canRedo(second.history)).toBe(false)
    expect(redo(second.history, second.state)).toBeNull()
  })

  it('has nothing to undo or redo at the start', () => {
    expect(canUndo(createHistory())).toBe(false)
    expect(undo(createHistory(), initial)).toBeNull()
  })

  it('builders return null for edits that change nothing', () => {
    const same = initial.analysis.boxes[0]?.box
    if (!same) throw new Error('fixture box')
    expect(reshapeBox(initial, 'a', { ...same }, 'drag')).toBeNull()
    expect(renameBox(initial, 'a', 'Dog')).toBeNull()
    expect(setLabelVisibility(initial, 'Dog', true)).toBeNull()
    expect(deleteBox(initial, 'missing')).toBeNull()
    expect(addUserBox(initial, 'a', 'Dup', same)).toBeNull()
  })

  it('an old edit naming a box another tab deleted changes nothing', () => {
    const move = must(
      reshapeBox(initial, 'a', { left: 0, top: 0, width: 0.1, height: 0.1 }, 'drag'),
    )
    const withoutA = applyEdit(initial, must(deleteBox(initial, 'a')))
    expect(applyEdit(withoutA, move)).toBe(withoutA)
  })

  it('a user box with a hidden label is added with its label, parents and category shown', () => {
    const hidden = applyEdit(
      applyEdit(initial, must(setLabelsVisibility(initial, ['Dog', 'Animal'], false))),
      must(setCategoryVisibility(initial, 'Other', false)),
    )
    const added = applyEdit(
      hidden,
      must(addUserBox(hidden, 'u', 'Dog', { left: 0, top: 0, width: 0.1, height: 0.1 })),
    )
    expect(added.hiddenLabels).toEqual([])
    expect(added.hiddenCategories).toEqual([])
    expect(added.analysis.boxes.at(-1)?.id).toBe('u')
  })
})

describe('coalescing nudges', () => {
  const nudge = (state: AnalysisState, id: string, dx: number) => {
    const box = state.analysis.boxes.find((b) => b.id === id)?.box
    if (!box) throw new Error(`no box ${id}`)
    return must(reshapeBox(state, id, { ...box, left: box.left + dx }, 'nudge'))
  }

  it('turns a run of quick nudges of one box into one undo step', () => {
    let { state, history } = { state: initial, history: createHistory() }
    for (let i = 0; i < 10; i += 1) {
      ;({ state, history } = perform(state, history, nudge(state, 'a', 0.01), i * 100))
    }
    expect(history.past).toHaveLength(1)
    expect(state.analysis.boxes[0]?.box.left).toBeCloseTo(0.2, 9)
    expect(undo(history, state)?.state).toEqual(initial)
  })

  it('keeps nudges apart when they are slow, on another box, or not nudges', () => {
    let { state, history } = { state: initial, history: createHistory() }
    ;({ state, history } = perform(state, history, nudge(state, 'a', 0.01), 0))
    ;({ state, history } = perform(state, history, nudge(state, 'a', 0.01), NUDGE_COALESCE_MS + 1))
    ;({ state, history } = perform(state, history, nudge(state, 'b', 0.01), NUDGE_COALESCE_MS + 2))
    const move = must(reshapeBox(state, 'b', { left: 0, top: 0, width: 0.1, height: 0.1 }, 'drag'))
    ;({ state, history } = perform(state, history, move, NUDGE_COALESCE_MS + 3))
    ;({ history } = perform(state, history, nudge(state, 'b', 0.01), NUDGE_COALESCE_MS + 4))
    expect(history.past).toHaveLength(5)
  })
})

describe('depth cap', () => {
  it('drops the oldest entries past the limit', () => {
    let { state, history } = { state: initial, history: createHistory(3) }
    const hides: Edit[] = [
      must(setBoxVisibility(state, 'a', false)),
      must(setBoxVisibility(state, 'b', false)),
      must(setBoxVisibility(state, 'c', false)),
      must(setLabelVisibility(state, 'Dog', false)),
    ]
    for (const edit of hides) ({ state, history } = perform(state, history, edit))
    expect(history.past.map((e) => e.edit)).toEqual(hides.slice(1))
    for (let i = 0; i < 3; i += 1) {
      const step = undo(history, state)
      if (!step) throw new Error('undo possible')
      ;({ state, history } = step)
    }
    expect(canUndo(history)).toBe(false)
    expect(state.hiddenBoxIds).toEqual(['a'])
  })

  it('refuses a limit below one', () => {
    expect(() => createHistory(0)).toThrow(RangeError)
  })
})

describe('serialising', () => {
  it('survives JSON: undo after a reload restores the same state', () => {
    let { state, history } = { state: initial, history: createHistory() }
    ;({ state, history } = perform(state, history, must(renameBox(state, 'a', 'Hound'))))
    ;({ state, history } = perform(state, history, must(deleteBox(state, 'c'))))
    const reloaded = JSON.parse(JSON.stringify({ state, history })) as {
      state: AnalysisState
      history: History
    }
    let step = undo(reloaded.history, reloaded.state)
    step = step && undo(step.history, step.state)
    expect(step?.state).toEqual(initial)
  })
})
