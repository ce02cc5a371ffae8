// Opens an analysis in fresh stores the way the app does after a detection, without a save:
// the document counts as already stored, so no write is attempted.
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import type { DetectedLabel, LabelBox } from '../../src/lib/analysis'
import { firstDocument } from '../../src/lib/analysis-document'
import { useAnalysisStore } from '../../src/stores/analysis'
import { useEditorStore } from '../../src/stores/editor'

export const OPEN_PHOTO_KEY = 'u/guest/0123456789abcdef0123456789abcdef.jpg'

export function openAnalysis(labels: DetectedLabel[], boxes: LabelBox[], threshold = 0) {
  const pinia: Pinia = createPinia()
  setActivePinia(pinia)
  const document = firstDocument(
    {
      photoKey: OPEN_PHOTO_KEY,
      width: 400,
      height: 300,
      fileName: 'cat.jpg',
      addedAt: '2026-01-01T00:00:00.000Z',
      settings: {
        maxLabels: 50,
        minConfidence: threshold,
        imageProperties: false,
        includeCategories: [],
        excludeCategories: [],
      },
      response: {},
      analysis: { labels, boxes, imageProperties: null, labelModelVersion: '3.0' },
    },
    '2026-01-01T00:00:00.000Z',
  )
  const analysis = useAnalysisStore()
  const editor = useEditorStore()
  analysis.open(OPEN_PHOTO_KEY, document, { document, etag: '"1"' })
  editor.reset(threshold)
  return { pinia, analysis, editor }
}
