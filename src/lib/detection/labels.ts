// Turns calibrated detections into DetectLabels' Labels list: one label per detected class with its
// instances, each ancestor as a label of its own without instances, then the request's filters,
// MinConfidence and MaxLabels, the way Rekognition applies them.
import { DEFAULT_MAX_LABELS, DEFAULT_MIN_CONFIDENCE, type DetectLabelsParams } from './params'
import { labelNameOfClass, taxonomyOf } from './taxonomy'
import type { Detection, NormalizedBox } from './types'
import type { WireBoundingBox, WireDominantColor, WireInstance, WireLabel } from './wire'

/** Colours of one instance's box, when the caller asked for image properties. */
export type InstanceColors = (box: NormalizedBox) => WireDominantColor[]

const toWireBox = (box: NormalizedBox): WireBoundingBox => ({
  Width: box.width,
  Height: box.height,
  Left: box.left,
  Top: box.top,
})

function describe(name: string, confidence: number, instances: WireInstance[]): WireLabel {
  const entry = taxonomyOf(name)
  return {
    Name: name,
    Confidence: confidence,
    Instances: instances,
    Parents: (entry?.parents ?? []).map((parent) => ({ Name: parent })),
    Aliases: (entry?.aliases ?? []).map((alias) => ({ Name: alias })),
    Categories: (entry?.categories ?? []).map((category) => ({ Name: category })),
  }
}

/** Detected objects and their ancestors as labels, before any request filter. */
export function labelsFromDetections(
  detections: readonly Detection[],
  minConfidence: number,
  instanceColors?: InstanceColors,
): WireLabel[] {
  const instancesByName = new Map<string, WireInstance[]>()
  for (const detection of [...detections].sort((a, b) => b.confidence - a.confidence)) {
    // Rekognition leaves out instances below MinConfidence, as it does labels.
    if (detection.confidence < minConfidence) continue
    const name = labelNameOfClass(detection.classIndex)
    const instances = instancesByName.get(name) ?? []
    instances.push({
      BoundingBox: toWireBox(detection.box),
      Confidence: detection.confidence,
      DominantColors: instanceColors?.(detection.box) ?? [],
    })
    instancesByName.set(name, instances)
  }
  const labels: WireLabel[] = []
  const ancestorConfidence = new Map<string, number>()
  for (const [name, instances] of instancesByName) {
    const confidence = Math.max(...instances.map((instance) => instance.Confidence))
    labels.push(describe(name, confidence, instances))
    for (const parent of taxonomyOf(name)?.parents ?? []) {
      ancestorConfidence.set(parent, Math.max(ancestorConfidence.get(parent) ?? 0, confidence))
    }
  }
  for (const [name, confidence] of ancestorConfidence) {
    // An ancestor that was itself detected (never the case with COCO today) keeps its instances.
    if (!instancesByName.has(name)) labels.push(describe(name, confidence, []))
  }
  return labels.sort((a, b) => b.Confidence - a.Confidence || a.Name.localeCompare(b.Name))
}

/** Applies Settings.GeneralLabels filters, MinConfidence and MaxLabels. */
export function filterLabels(
  labels: readonly WireLabel[],
  params: DetectLabelsParams,
): WireLabel[] {
  const filters = params.Settings?.GeneralLabels ?? {}
  const minConfidence = params.MinConfidence ?? DEFAULT_MIN_CONFIDENCE
  const maxLabels = params.MaxLabels ?? DEFAULT_MAX_LABELS
  const has = (list: readonly string[] | undefined): list is readonly string[] =>
    list !== undefined && list.length > 0
  const inCategories = (label: WireLabel, categories: readonly string[]): boolean =>
    label.Categories.some((category) => categories.includes(category.Name))
  return labels
    .filter((label) => label.Confidence >= minConfidence)
    .filter((label) => {
      const { LabelInclusionFilters: include, LabelExclusionFilters: exclude } = filters
      const { LabelCategoryInclusionFilters: includeCategories } = filters
      const { LabelCategoryExclusionFilters: excludeCategories } = filters
      // Label and category inclusion filters add up: a label passes if either names it.
      if (has(include) || has(includeCategories)) {
        const named = has(include) && include.includes(label.Name)
        const inIncludedCategory = has(includeCategories) && inCategories(label, includeCategories)
        if (!named && !inIncludedCategory) return false
      }
      if (has(exclude) && exclude.includes(label.Name)) return false
      if (has(excludeCategories) && inCategories(label, excludeCategories)) return false
      return true
    })
    .slice(0, Math.max(0, maxLabels))
}
