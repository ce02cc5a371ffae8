// A DetectLabels result for a cat photo, shaped like Rekognition's, in the app's types.
import type { DetectedLabel, LabelBox } from '../../src/lib/analysis'

export function label(
  name: string,
  confidence: number,
  parents: string[] = [],
  categories: string[] = [],
): DetectedLabel {
  return { name, confidence, parents, aliases: [], categories }
}

export function box(id: string, name: string, confidence: number | null): LabelBox {
  return {
    id,
    label: name,
    confidence,
    box: { left: 0.1, top: 0.1, width: 0.5, height: 0.5 },
    source: confidence === null ? 'user' : 'detected',
    edited: confidence === null,
    dominantColors: [],
  }
}

export const catLabels: DetectedLabel[] = [
  label('Cat', 97, ['Animal', 'Mammal', 'Pet'], ['Animals and Pets']),
  label('Animal', 97, [], ['Animals and Pets']),
  label('Mammal', 97, ['Animal'], ['Animals and Pets']),
  label('Pet', 97, ['Animal'], ['Animals and Pets']),
  label('Kitten', 80, ['Animal', 'Cat', 'Mammal', 'Pet'], ['Animals and Pets']),
  label('Indoors', 60, [], ['Buildings and Architecture']),
  label('Blur', 40),
]

export const catBoxes: LabelBox[] = [box('b1', 'Cat', 96), box('b2', 'Cat', 50)]
