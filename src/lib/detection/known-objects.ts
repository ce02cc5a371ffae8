// The objects the local detector can find (its 80 COCO classes, in Rekognition's names), grouped
// by category, for the app to list when a photo gives nothing: scenes, wild animals and art are
// not among them. The local app server serves this list (scripts/start.ts).
import type { KnownObjectGroup } from '../known-objects-list'
import { COCO_CLASSES } from './coco-classes'
import { labelNameOfClass, taxonomyOf } from './taxonomy'

export function localDetectorObjects(): KnownObjectGroup[] {
  const groups = new Map<string, string[]>()
  COCO_CLASSES.forEach((_, classIndex) => {
    const name = labelNameOfClass(classIndex)
    const category = taxonomyOf(name)?.categories[0] ?? 'Other'
    groups.set(category, [...(groups.get(category) ?? []), name])
  })
  return [...groups]
    .map(([category, names]) => ({ category, names: names.sort((a, b) => a.localeCompare(b)) }))
    .sort((a, b) => a.category.localeCompare(b.category))
}

export const LOCAL_DETECTOR_OBJECT_COUNT = COCO_CLASSES.length
