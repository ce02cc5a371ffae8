// The analysis of the current photo: labels, boxes, what is shown, what is selected.
// The store is the source of truth for boxes: the canvas draws from it and writes back through
// the edit actions below, which are also the single place undo and autosave can hook into.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { DetectedLabel, ImageProperties, LabelAnalysis, LabelBox } from '../lib/analysis'
import { labelColor } from '../lib/canvas/colors'
import type { CanvasBox } from '../lib/canvas/types'
import { clampNormalizedBox, type NormalizedBox } from '../lib/geometry'
import { buildSections, type GroupMode, isBoxVisible, type SortOrder } from '../lib/label-tree'

export type EditorMode = 'select' | 'draw'

/** One change to the boxes: the box before and after (null where it did not exist). */
export interface BoxEdit {
  kind: 'add' | 'move' | 'remove' | 'relabel' | 'restore'
  before: LabelBox | null
  after: LabelBox | null
}

export type BoxEditListener = (edit: BoxEdit) => void

let userBoxCounter = 0
function newUserBoxId(): string {
  userBoxCounter += 1
  return `u${Date.now().toString(36)}-${userBoxCounter}`
}

export const useAnalysisStore = defineStore('analysis', () => {
  const labels = ref<DetectedLabel[]>([])
  const boxes = ref<LabelBox[]>([])
  const imageProperties = shallowRef<ImageProperties | null>(null)
  const labelModelVersion = ref('')
  const loaded = ref(false)

  /** Labels the user switched off; a hidden label hides its boxes too. */
  const hiddenLabels = ref(new Set<string>())
  /** The live confidence filter (0–100) over what DetectLabels returned. */
  const threshold = ref(0)
  const groupMode = ref<GroupMode>('category')
  const sortOrder = ref<SortOrder>('certain-first')
  const selectedBoxId = ref<string | null>(null)
  const hoveredBoxId = ref<string | null>(null)
  /** The label hovered or tapped in the list: its boxes are emphasised on the photo. */
  const highlightedLabel = ref<string | null>(null)
  const mode = ref<EditorMode>('select')
  /** A box just drawn, waiting for the user to name its label. */
  const pendingBox = ref<NormalizedBox | null>(null)

  const editListeners = new Set<BoxEditListener>()

  const sections = computed(() =>
    buildSections(labels.value, boxes.value, threshold.value, groupMode.value, sortOrder.value),
  )

  const visibleBoxIds = computed(() => {
    const ids = new Set<string>()
    for (const box of boxes.value)
      if (isBoxVisible(box, hiddenLabels.value, threshold.value)) ids.add(box.id)
    return ids
  })

  const canvasBoxes = computed<CanvasBox[]>(() =>
    boxes.value.map((box) => ({
      id: box.id,
      label: box.label,
      confidence: box.confidence,
      box: box.box,
      color: labelColor(box.label),
      visible: visibleBoxIds.value.has(box.id),
      edited: box.edited,
    })),
  )

  /** The label a box on the photo points at (hovered first, then selected). */
  const labelOfActiveBox = computed(() => {
    const id = hoveredBoxId.value ?? selectedBoxId.value
    return boxes.value.find((box) => box.id === id)?.label ?? null
  })

  /** Every label name known in this photo, for picking the label of a new box. */
  const knownLabelNames = computed(() => {
    const names = new Set<string>()
    for (const box of boxes.value) names.add(box.label)
    for (const label of labels.value) names.add(label.name)
    return [...names].sort((a, b) => a.localeCompare(b))
  })

  const selectedBox = computed(
    () => boxes.value.find((box) => box.id === selectedBoxId.value) ?? null,
  )

  function load(result: LabelAnalysis, initialThreshold: number) {
    labels.value = result.labels
    boxes.value = result.boxes
    imageProperties.value = result.imageProperties
    labelModelVersion.value = result.labelModelVersion
    hiddenLabels.value = new Set()
    threshold.value = initialThreshold
    selectedBoxId.value = null
    hoveredBoxId.value = null
    highlightedLabel.value = null
    pendingBox.value = null
    mode.value = 'select'
    loaded.value = true
  }

  function clear() {
    load({ labels: [], boxes: [], imageProperties: null, labelModelVersion: '' }, 0)
    loaded.value = false
  }

  function setThreshold(value: number) {
    threshold.value = Math.min(100, Math.max(0, value))
  }

  function setGroupMode(value: GroupMode) {
    groupMode.value = value
  }

  function setSortOrder(value: SortOrder) {
    sortOrder.value = value
  }

  function setLabelsVisible(names: string[], visible: boolean) {
    const next = new Set(hiddenLabels.value)
    for (const name of names) {
      if (visible) next.delete(name)
      else next.add(name)
    }
    hiddenLabels.value = next
  }

  function toggleLabel(name: string) {
    setLabelsVisible([name], hiddenLabels.value.has(name))
  }

  function isLabelVisible(name: string): boolean {
    return !hiddenLabels.value.has(name)
  }

  function showAll() {
    hiddenLabels.value = new Set()
  }

  function hideAll() {
    hiddenLabels.value = new Set(knownLabelNames.value)
  }

  function selectBox(id: string | null) {
    selectedBoxId.value = id && boxes.value.some((box) => box.id === id) ? id : null
  }

  function hoverBox(id: string | null) {
    hoveredBoxId.value = id
  }

  function highlightLabel(name: string | null) {
    highlightedLabel.value = name
  }

  /**
   * Tapping or pressing a label in the list steps through its visible boxes: the first tap
   * selects the first box, the next tap the next one, and after the last none. This is also
   * how a keyboard reaches a box, after which the toolbar and the canvas keys act on it.
   */
  function stepSelectionThroughLabel(name: string) {
    const ids = boxes.value
      .filter((box) => box.label === name && visibleBoxIds.value.has(box.id))
      .map((box) => box.id)
    const current = selectedBoxId.value ? ids.indexOf(selectedBoxId.value) : -1
    selectedBoxId.value = ids[current + 1] ?? null
  }

  function setMode(value: EditorMode) {
    mode.value = value
    if (value === 'draw') selectedBoxId.value = null
  }

  // ---- Edits: every change to boxes goes through commit(). ----

  function onEdit(listener: BoxEditListener): () => void {
    editListeners.add(listener)
    return () => editListeners.delete(listener)
  }

  function commit(edit: BoxEdit) {
    const { before, after } = edit
    const index = before ? boxes.value.findIndex((box) => box.id === before.id) : -1
    const next = [...boxes.value]
    if (after && index >= 0) next[index] = after
    else if (after) next.push(after)
    else if (index >= 0) next.splice(index, 1)
    boxes.value = next
    if (!after && selectedBoxId.value === before?.id) selectedBoxId.value = null
    for (const listener of editListeners) listener(edit)
  }

  function findBox(id: string): LabelBox | null {
    return boxes.value.find((box) => box.id === id) ?? null
  }

  function moveBox(id: string, box: NormalizedBox) {
    const before = findBox(id)
    if (!before) return
    const clamped = clampNormalizedBox(box)
    if (clamped.width <= 0 || clamped.height <= 0) return
    commit({ kind: 'move', before, after: { ...before, box: clamped, edited: true } })
  }

  function removeBox(id: string) {
    const before = findBox(id)
    if (before) commit({ kind: 'remove', before, after: null })
  }

  function relabelBox(id: string, label: string) {
    const before = findBox(id)
    const name = label.trim()
    if (!before || !name || name === before.label) return
    commit({ kind: 'relabel', before, after: { ...before, label: name, edited: true } })
  }

  function addBox(label: string, box: NormalizedBox): string | null {
    const name = label.trim()
    const clamped = clampNormalizedBox(box)
    if (!name || clamped.width <= 0 || clamped.height <= 0) return null
    const after: LabelBox = {
      id: newUserBoxId(),
      label: name,
      confidence: null,
      box: clamped,
      source: 'user',
      edited: true,
      dominantColors: [],
    }
    commit({ kind: 'add', before: null, after })
    setLabelsVisible([name], true)
    selectedBoxId.value = after.id
    return after.id
  }

  /** Puts a box back as it was (undo/redo): `after` null removes it, `before` null adds it. */
  function restoreBox(before: LabelBox | null, after: LabelBox | null) {
    commit({ kind: 'restore', before, after })
  }

  function startPendingBox(box: NormalizedBox) {
    pendingBox.value = clampNormalizedBox(box)
  }

  function finishPendingBox(label: string | null) {
    const box = pendingBox.value
    pendingBox.value = null
    mode.value = 'select'
    if (box && label) addBox(label, box)
  }

  return {
    labels,
    boxes,
    imageProperties,
    labelModelVersion,
    loaded,
    hiddenLabels,
    threshold,
    groupMode,
    sortOrder,
    selectedBoxId,
    hoveredBoxId,
    highlightedLabel,
    mode,
    pendingBox,
    sections,
    visibleBoxIds,
    canvasBoxes,
    labelOfActiveBox,
    knownLabelNames,
    selectedBox,
    load,
    clear,
    setThreshold,
    setGroupMode,
    setSortOrder,
    setLabelsVisible,
    toggleLabel,
    isLabelVisible,
    showAll,
    hideAll,
    selectBox,
    hoverBox,
    highlightLabel,
    stepSelectionThroughLabel,
    setMode,
    onEdit,
    moveBox,
    removeBox,
    relabelBox,
    addBox,
    restoreBox,
    startPendingBox,
    finishPendingBox,
  }
})
