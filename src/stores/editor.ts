// What the user is looking at in the open photo: the review threshold, grouping and order of the
// label list, the selected, hovered and highlighted boxes, the mode and a box being drawn. View
// state only: it is never saved, and it changes the analysis only through stores/analysis.ts.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { stepThroughBoxes } from '../lib/canvas/box-order'
import { labelColor } from '../lib/canvas/colors'
import type { CanvasBox, EditorMode } from '../lib/canvas/types'
import { clampNormalizedBox, type NormalizedBox } from '../lib/geometry'
import { buildSections, type GroupMode, type SortOrder } from '../lib/label-tree'
import { visibility } from '../lib/visibility'
import { useAnalysisStore } from './analysis'

export const useEditorStore = defineStore('editor', () => {
  const analysis = useAnalysisStore()

  /** The live confidence filter (0–100) over what the detector returned. */
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
  /** The selected box's label is being changed (the relabel dialog is open). */
  const relabelling = ref(false)

  /** The one visibility rule, applied to the open photo at the current threshold. */
  const view = computed(() => (analysis.state ? visibility(analysis.state, threshold.value) : null))

  const sections = computed(() =>
    analysis.state && view.value
      ? buildSections(analysis.state, view.value, groupMode.value, sortOrder.value)
      : { objects: [], scene: [], objectCount: 0, sceneCount: 0, boxCount: 0 },
  )

  const shownBoxes = computed(() => view.value?.shownBoxes ?? [])
  const shownIds = computed(() => new Set(shownBoxes.value.map((box) => box.id)))

  const canvasBoxes = computed<CanvasBox[]>(() =>
    analysis.boxes.map((box) => ({
      id: box.id,
      label: box.label,
      confidence: box.confidence,
      box: box.box,
      color: labelColor(box.label),
      visible: shownIds.value.has(box.id),
      edited: box.edited,
    })),
  )

  /** The selected box while it exists and is shown. */
  const selectedBox = computed(
    () => shownBoxes.value.find((box) => box.id === selectedBoxId.value) ?? null,
  )

  /** The label a box on the photo points at (hovered first, then selected). */
  const labelOfActiveBox = computed(() => {
    const id = hoveredBoxId.value ?? selectedBox.value?.id
    return analysis.boxes.find((box) => box.id === id)?.label ?? null
  })

  /** A new photo or a new detection: the view starts over at the detection's own threshold. */
  function reset(initialThreshold: number) {
    threshold.value = initialThreshold
    selectedBoxId.value = null
    hoveredBoxId.value = null
    highlightedLabel.value = null
    pendingBox.value = null
    relabelling.value = false
    mode.value = 'select'
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

  function selectBox(id: string | null) {
    relabelling.value = false
    selectedBoxId.value = id && shownIds.value.has(id) ? id : null
  }

  /** ] and [ on the canvas: the next or previous shown box in reading order, round the ends. */
  function stepSelection(direction: 1 | -1) {
    selectedBoxId.value = stepThroughBoxes(
      shownBoxes.value,
      selectedBox.value?.id ?? null,
      direction,
    )
  }

  function hoverBox(id: string | null) {
    hoveredBoxId.value = id
  }

  function highlightLabel(name: string | null) {
    highlightedLabel.value = name
  }

  /**
   * Tapping or pressing a label in the list steps through its shown boxes: the first tap selects
   * the first box, the next tap the next one, and after the last none.
   */
  function stepSelectionThroughLabel(name: string) {
    const ids = shownBoxes.value.filter((box) => box.label === name).map((box) => box.id)
    const current = selectedBox.value ? ids.indexOf(selectedBox.value.id) : -1
    selectedBoxId.value = ids[current + 1] ?? null
  }

  function setMode(value: EditorMode) {
    mode.value = value
    if (value === 'draw') selectedBoxId.value = null
  }

  function startPendingBox(box: NormalizedBox) {
    pendingBox.value = clampNormalizedBox(box)
  }

  /** Names the box just drawn (null: drop it) and selects it. */
  function finishPendingBox(label: string | null) {
    const box = pendingBox.value
    pendingBox.value = null
    mode.value = 'select'
    const id = box && label ? analysis.addBox(label, box) : null
    if (id) selectedBoxId.value = id
  }

  /** Opens the relabel dialog for the selected box, if there is one. */
  function startRelabel() {
    relabelling.value = selectedBox.value !== null
  }

  /** Closes the relabel dialog, giving the selected box the label chosen (null: keep it). */
  function finishRelabel(label: string | null) {
    relabelling.value = false
    const selected = selectedBox.value
    if (label && selected) analysis.relabelBox(selected.id, label)
  }

  return {
    threshold,
    groupMode,
    sortOrder,
    selectedBoxId,
    hoveredBoxId,
    highlightedLabel,
    mode,
    pendingBox,
    relabelling,
    view,
    sections,
    shownBoxes,
    canvasBoxes,
    selectedBox,
    labelOfActiveBox,
    reset,
    setThreshold,
    setGroupMode,
    setSortOrder,
    selectBox,
    stepSelection,
    hoverBox,
    highlightLabel,
    stepSelectionThroughLabel,
    setMode,
    startPendingBox,
    finishPendingBox,
    startRelabel,
    finishRelabel,
  }
})
