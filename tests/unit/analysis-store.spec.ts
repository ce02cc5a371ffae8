import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { useAnalysisStore, type BoxEdit } from '../../src/stores/analysis'
import { catBoxes, catLabels } from './label-fixtures'

function loaded() {
  const store = useAnalysisStore()
  store.load(
    { labels: catLabels, boxes: catBoxes, imageProperties: null, labelModelVersion: '3.0' },
    55,
  )
  return store
}

describe('analysis store', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('starts the slider at the detection’s minimum confidence', () => {
    const store = loaded()
    expect(store.threshold).toBe(55)
    expect(store.canvasBoxes.map((box) => box.visible)).toEqual([true, false])
  })

  it('reports every box edit with the box before and after, for undo and autosave', () => {
    const store = loaded()
    const edits: BoxEdit[] = []
    const stop = store.onEdit((edit) => edits.push(edit))
    store.moveBox('b1', { left: 0.2, top: 0.2, width: 0.5, height: 0.5 })
    const added = store.addBox('Whisker', { left: 0, top: 0, width: 0.1, height: 0.1 })
    store.relabelBox('b2', 'Kitten')
    store.removeBox('b1')
    expect(edits.map((edit) => edit.kind)).toEqual(['move', 'add', 'relabel', 'remove'])
    expect(edits[0]?.before?.box.left).toBe(0.1)
    expect(edits[0]?.after?.box.left).toBe(0.2)
    expect(edits[0]?.after?.edited).toBe(true)
    expect(edits[1]?.after?.id).toBe(added)
    expect(edits[1]?.after?.confidence).toBeNull()
    stop()
    store.removeBox('b2')
    expect(edits).toHaveLength(4)
  })

  it('undoes an edit by restoring the box before it', () => {
    const store = loaded()
    let last: BoxEdit | undefined
    store.onEdit((edit) => (last = edit))
    store.moveBox('b1', { left: 0.3, top: 0.3, width: 0.5, height: 0.5 })
    if (!last) throw new Error('no edit reported')
    store.restoreBox(last.after, last.before)
    expect(store.boxes.find((box) => box.id === 'b1')?.box.left).toBe(0.1)
    store.removeBox('b2')
    if (!last) throw new Error('no edit reported')
    store.restoreBox(last.after, last.before)
    expect(store.boxes.map((box) => box.id)).toContain('b2')
  })

  it('clamps moved boxes to the photo and ignores empty ones', () => {
    const store = loaded()
    store.moveBox('b1', { left: 0.8, top: -0.2, width: 0.5, height: 0.5 })
    const moved = store.boxes.find((box) => box.id === 'b1')
    expect(moved?.box.left).toBeCloseTo(0.8)
    expect(moved?.box.width).toBeCloseTo(0.2)
    expect(moved?.box.top).toBe(0)
    expect(store.addBox('Empty', { left: 0.5, top: 0.5, width: 0, height: 0.2 })).toBeNull()
    expect(store.addBox('  ', { left: 0.1, top: 0.1, width: 0.2, height: 0.2 })).toBeNull()
  })

  it('drops the selection when the selected box is removed', () => {
    const store = loaded()
    store.selectBox('b1')
    expect(store.selectedBox?.id).toBe('b1')
    store.removeBox('b1')
    expect(store.selectedBoxId).toBeNull()
    store.selectBox('missing')
    expect(store.selectedBoxId).toBeNull()
  })

  it('hides all and shows all, boxes included', () => {
    const store = loaded()
    store.setThreshold(0)
    store.hideAll()
    expect(store.canvasBoxes.every((box) => !box.visible)).toBe(true)
    store.showAll()
    expect(store.canvasBoxes.every((box) => box.visible)).toBe(true)
  })

  it('finishes a drawn box with the chosen label, or drops it on cancel', () => {
    const store = loaded()
    store.setMode('draw')
    store.startPendingBox({ left: 0.1, top: 0.1, width: 0.2, height: 0.2 })
    store.finishPendingBox(null)
    expect(store.boxes).toHaveLength(2)
    expect(store.mode).toBe('select')
    store.startPendingBox({ left: 0.1, top: 0.1, width: 0.2, height: 0.2 })
    store.finishPendingBox('Toy')
    expect(store.boxes.map((box) => box.label)).toContain('Toy')
    expect(store.pendingBox).toBeNull()
  })
})

describe('stepping through a label’s boxes', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('selects each visible box of the label in turn, then none', () => {
    const store = loaded()
    store.setThreshold(0)
    store.stepSelectionThroughLabel('Cat')
    expect(store.selectedBoxId).toBe('b1')
    store.stepSelectionThroughLabel('Cat')
    expect(store.selectedBoxId).toBe('b2')
    store.stepSelectionThroughLabel('Cat')
    expect(store.selectedBoxId).toBeNull()
  })

  it('skips boxes the threshold hides', () => {
    const store = loaded()
    store.stepSelectionThroughLabel('Cat')
    store.stepSelectionThroughLabel('Cat')
    expect(store.selectedBoxId).toBeNull()
  })
})
