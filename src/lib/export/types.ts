import type { AnalysisState } from '../edits'

/** One photo to export: its state with edits applied, and the image it describes. */
export interface ExportPhoto {
  /** The photo's file name as the user knows it, e.g. "IMG_0001.jpg". */
  fileName: string
  /** Pixel size of the prepared (upright) photo the boxes refer to. */
  width: number
  height: number
  state: AnalysisState
  /**
   * The review threshold (0–100) the photo is shown at: the editor's for the open photo, the
   * detection's minimum confidence (what it opens with) for the others. Exports follow the one
   * visibility rule at this threshold, so a box is exported exactly when it is drawn.
   */
  threshold: number
  /** The annotated image, rendered by the caller (canvas lives outside src/lib). */
  annotatedImage?: { bytes: Uint8Array; extension: 'jpg' | 'png' }
}

export type ExportFormat = 'annotated' | 'rekognition' | 'coco' | 'voc' | 'yolo' | 'csv'
