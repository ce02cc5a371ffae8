import { describe, expect, it } from 'vitest'
import type { AnalysisState } from '../../src/lib/edits'
import { createState } from '../../src/lib/edits'
import { OTHER_CATEGORY, passesThreshold, shownBoxes, visibility } from '../../src/lib/visibility'
import { box, label } from './label-fixtures'

// A football photo as the local detector answers it: Sports Ball under the scene label Sports
// Equipment, people under Person, and a box the user drew with a label of their own.
function football(hidden: Partial<AnalysisState> = {}): AnalysisState {
  return {
    ...createState({
      labels: [
        label('Person', 92, [], ['Person Description']),
        label('Sports Ball', 70, ['Sports Equipment'], ['Sports']),
        label('Sports Equipment', 70, [], ['Sports']),
        label('Goal', 60, ['Sports Equipment', 'Net'], ['Sports']),
        label('Net', 60, [], ['Tools and Machinery']),
      ],
      boxes: [
        box('p1', 'Person', 92),
        box('p2', 'Person', 40),
        box('ball', 'Sports Ball', 70),
        box('goal', 'Goal', 60),
        box('mine', 'Referee', null),
      ],
      imageProperties: null,
      labelModelVersion: '3.0',
    }),
    ...hidden,
  }
}

const ids = (state: AnalysisState, threshold = 0) =>
  shownBoxes(state, threshold).map((entry) => entry.id)

describe('the visibility rule', () => {
  it('shows every box when nothing is hidden and the threshold is 0', () => {
    expect(ids(football())).toEqual(['p1', 'p2', 'ball', 'goal', 'mine'])
  })

  it('hides boxes under the threshold, but never a box the user drew', () => {
    expect(ids(football(), 50)).toEqual(['p1', 'ball', 'goal', 'mine'])
    expect(ids(football(), 100)).toEqual(['mine'])
    expect(passesThreshold(null, 100)).toBe(true)
    expect(passesThreshold(49.9, 50)).toBe(false)
  })

  it('hides a box by its id', () => {
    expect(ids(football({ hiddenBoxIds: ['p2'] }))).toEqual(['p1', 'ball', 'goal', 'mine'])
  })

  it('hides a label and every label under it: hiding a parent hides its children', () => {
    const state = football({ hiddenLabels: ['Sports Equipment'] })
    expect(ids(state)).toEqual(['p1', 'p2', 'mine'])
    const view = visibility(state, 0)
    expect(view.labelHiddenBy('Sports Equipment')).toEqual({ kind: 'self' })
    expect(view.labelHiddenBy('Sports Ball')).toEqual({
      kind: 'ancestor',
      name: 'Sports Equipment',
    })
    expect(view.labelHiddenBy('Person')).toBeNull()
  })

  it('follows ancestors through parents of parents even when a result lists only the nearest', () => {
    const state = football({ hiddenLabels: ['Top'] })
    state.analysis.labels = state.analysis.labels.map((entry) =>
      entry.name === 'Sports Equipment'
        ? label('Sports Equipment', 70, ['Top'], ['Sports'])
        : entry,
    )
    state.analysis.labels.push(label('Top', 50))
    expect(visibility(state, 0).labelHiddenBy('Sports Ball')).toEqual({
      kind: 'ancestor',
      name: 'Top',
    })
    expect(ids(state)).toEqual(['p1', 'p2', 'mine'])
  })

  it('hides the labels grouped under a hidden category (their first category)', () => {
    const state = football({ hiddenCategories: ['Sports'] })
    expect(ids(state)).toEqual(['p1', 'p2', 'mine'])
    expect(visibility(state, 0).labelHiddenBy('Goal')).toEqual({ kind: 'category', name: 'Sports' })
    // Goal is also under Net (Tools and Machinery), but it is grouped under its first category.
    expect(ids(football({ hiddenCategories: ['Tools and Machinery'] }))).toContain('goal')
  })

  it('puts labels with no category, and labels only the user used, under "Other"', () => {
    const view = visibility(football(), 0)
    expect(view.categoryOf('Referee')).toBe(OTHER_CATEGORY)
    expect(ids(football({ hiddenCategories: [OTHER_CATEGORY] }))).toEqual([
      'p1',
      'p2',
      'ball',
      'goal',
    ])
  })

  it('a label hidden by its own switch says so before an ancestor or a category', () => {
    const state = football({
      hiddenLabels: ['Sports Ball', 'Sports Equipment'],
      hiddenCategories: ['Sports'],
    })
    expect(visibility(state, 0).labelHiddenBy('Sports Ball')).toEqual({ kind: 'self' })
  })

  it('never loops on a cycle of parents', () => {
    const state = football({ hiddenLabels: ['A'] })
    state.analysis.labels.push(label('A', 50, ['B']), label('B', 50, ['A']))
    state.analysis.boxes.push(box('b', 'B', 50))
    expect(visibility(state, 0).labelHiddenBy('B')).toEqual({ kind: 'ancestor', name: 'A' })
  })
})
