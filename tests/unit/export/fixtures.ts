// Small hand-made analyses whose expected exports are worked out by hand in the specs.
import type { DetectedLabel, LabelAnalysis, LabelBox } from '../../../src/lib/analysis'
import type { AnalysisState } from '../../../src/lib/edits'
import type { ExportPhoto } from '../../../src/lib/export'
import type { NormalizedBox } from '../../../src/lib/geometry'

export function detectedLabel(
  name: string,
  confidence: number,
  parents: string[] = [],
): DetectedLabel {
  return { name, confidence, parents, aliases: [], categories: [] }
}

export function labelBox(
  id: string,
  label: string,
  confidence: number | null,
  box: NormalizedBox,
): LabelBox {
  return {
    id,
    label,
    confidence,
    box,
    source: confidence === null ? 'user' : 'detected',
    edited: false,
    dominantColors: [],
  }
}

export function analysisOf(labels: DetectedLabel[], boxes: LabelBox[]): LabelAnalysis {
  return { labels, boxes, imageProperties: null, labelModelVersion: '3.0' }
}

export function stateOf(
  analysis: LabelAnalysis,
  hidden: Partial<AnalysisState> = {},
): AnalysisState {
  return { analysis, hiddenLabels: [], hiddenCategories: [], hiddenBoxIds: [], ...hidden }
}

/** A user-typed label with every XML special character in it. */
export const TRICKY_LABEL = 'Toy <&> "x" \'y\''

/**
 * 640 × 480 photo. Hand-computed pixel boxes:
 * - dog (inside):            x 64,  y 96,  w 160, h 240
 * - car (touches right/bottom): x 480, y 240, w 160, h 240
 * - person (crosses left/top, clamped to 0,0 → 0.2 × 0.4): x 0, y 0, w 128, h 192
 * - cat (entirely right of the image): dropped
 * - toy (user-drawn, tricky name): x 320, y 48, w 64, h 48
 * - hidden-box (hidden by id) and tree (hidden label): not exported
 */
export function streetPhoto(): ExportPhoto {
  const analysis = analysisOf(
    [
      detectedLabel('Dog', 98.5, ['Animal']),
      detectedLabel('Car', 80, ['Vehicle']),
      detectedLabel('Person', 91.25),
      detectedLabel('Cat', 60),
      detectedLabel('Tree', 70),
      detectedLabel('Outdoors', 99),
    ],
    [
      labelBox('dog', 'Dog', 98.5, { left: 0.1, top: 0.2, width: 0.25, height: 0.5 }),
      labelBox('car', 'Car', 80, { left: 0.75, top: 0.5, width: 0.25, height: 0.5 }),
      labelBox('person', 'Person', 91.25, { left: -0.1, top: -0.05, width: 0.3, height: 0.45 }),
      labelBox('cat', 'Cat', 60, { left: 1.1, top: 0.2, width: 0.2, height: 0.2 }),
      labelBox('toy', TRICKY_LABEL, null, { left: 0.5, top: 0.1, width: 0.1, height: 0.1 }),
      labelBox('hidden-box', 'Dog', 97, { left: 0.6, top: 0.6, width: 0.1, height: 0.1 }),
      labelBox('tree', 'Tree', 70, { left: 0.2, top: 0.1, width: 0.1, height: 0.3 }),
    ],
  )
  return {
    fileName: 'street.jpg',
    width: 640,
    height: 480,
    state: stateOf(analysis, { hiddenBoxIds: ['hidden-box'], hiddenLabels: ['Tree'] }),
    threshold: 0,
  }
}

/** 100 × 50 photo whose name would run as a spreadsheet formula; one box over the whole image. */
export function formulaPhoto(): ExportPhoto {
  const analysis = analysisOf(
    [detectedLabel('Car', 88)],
    [labelBox('whole', 'Car', 88, { left: 0, top: 0, width: 1, height: 1 })],
  )
  return {
    fileName: '=HYPERLINK("x").jpg',
    width: 100,
    height: 50,
    state: stateOf(analysis),
    threshold: 0,
  }
}
