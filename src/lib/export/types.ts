import type { AnalysisState } from '../edits'

/** One photo to export: its state with edits applied, and the image it describes. */
export interface ExportPhoto {
  /** The photo's file name as the user knows it, e.g. "IMG_0001.jpg". */
  fileName: string
  /** Pixel size of the prepared (upright) photo the boxes refer to. */
  width: number
  height: number
  state: AnalysisState
  /** The annotated image, rendered by the caller (canvas lives outside src/lib). */
  annotatedImage?: { bytes: Uint8Array; extension: 'jpg' | 'png' }
}

export type ExportFormat = 'annotated' | 'rekognition' | 'coco' | 'voc' | 'yolo' | 'csv'

export interface ExportOptions {
  /** Boxes below this confidence (0–100) are left out, as the editor's threshold hides them. */
  minConfidence?: number
}
