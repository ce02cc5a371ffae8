import { describe, expect, it } from 'vitest'
import type { LabelBox } from '../../../src/lib/analysis'
import { applyEdit, createState, invertEdit } from '../../../src/lib/edits'
import { editForBoxChange, editForHiddenLabels } from '../../../src/lib/store-edits'

const box = (id: string, label: string, left: number): LabelBox => ({
  id,
  label,
  confidence: 90,
  box: { left, top: 0.1, width: 0.2, height: 0.2 },
  source: 'detected',
  edited: false,
  dominantColors: [],
})

const state = createState({
  labels: [],
  boxes: [box('b1', 'Cat', 0.1), box('b2', 'Dog', 0.5)],
  imageProperties: null,
  labelModelVersion: '3.0',
})

describe('editor changes as history edits', () => {
  it('turns a move into a reshape that undoes to the old box', () => {
    const after = { ...box('b1', 'Cat', 0.3), edited: true }
    const edit = editForBoxChange(state, { kind: 'move', before: box('b1', 'Cat', 0.1), after })
    const moved = applyEdit(state, edit!)
    expect(moved.analysis.boxes[0]).toEqual(after)
    expect(applyEdit(moved, invertEdit(edit!))).toEqual(state)
  })

  it('turns relabel, remove and add into rename, delete and add edits', () => {
    const renamed = editForBoxChange(state, {
      kind: 'relabel',
      before: box('b2', 'Dog', 0.5),
      after: box('b2', 'Wolf', 0.5),
    })
    expect(applyEdit(state, renamed!).analysis.boxes[1]?.label).toBe('Wolf')
    const removed = editForBoxChange(state, {
      kind: 'remove',
      before: state.analysis.boxes[0]!,
      after: null,
    })
    expect(applyEdit(state, removed!).analysis.boxes.map((b) => b.id)).toEqual(['b2'])
    expect(applyEdit(applyEdit(state, removed!), invertEdit(removed!))).toEqual(state)
    const drawn = { ...box('u1', 'Mug', 0.7), confidence: null, source: 'user' as const }
    const added = editForBoxChange(state, { kind: 'add', before: null, after: drawn })
    expect(applyEdit(state, added!).analysis.boxes.at(-1)).toEqual(drawn)
    expect(
      editForBoxChange(state, { kind: 'add', before: null, after: state.analysis.boxes[0]! }),
    ).toBeNull()
  })

  it('records nothing for the history’s own restores or for no-op moves', () => {
    expect(
      editForBoxChange(state, { kind: 'restore', before: null, after: box('x', 'A', 0) }),
    ).toBeNull()
    const same = state.analysis.boxes[0]!
    expect(editForBoxChange(state, { kind: 'move', before: same, after: same })).toBeNull()
  })

  it('turns label switches into one undo step', () => {
    const hideBoth = editForHiddenLabels(state, new Set(['Cat', 'Dog']))
    expect(hideBoth?.kind).toBe('batch')
    const hidden = applyEdit(state, hideBoth!)
    expect(hidden.hiddenLabels.sort()).toEqual(['Cat', 'Dog'])
    const showDog = editForHiddenLabels(hidden, ['Cat'])
    expect(showDog).toEqual({ kind: 'set-label-visibility', label: 'Dog', visible: true })
    expect(editForHiddenLabels(hidden, ['Dog', 'Cat'])).toBeNull()
  })
})
