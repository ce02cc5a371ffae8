// COCO object-detection JSON for one or many photos, with one category list for all of them.
import type { LabelAnalysis } from '../analysis'
import { classList, exportBoxes, roundTo, roundedPixels, uniqueFileNames } from './boxes'
import type { ExportPhoto } from './types'

export interface CocoImage {
  id: number
  file_name: string
  width: number
  height: number
}

export interface CocoAnnotation {
  id: number
  image_id: number
  category_id: number
  /** [x, y, width, height] in pixels from the top-left corner. */
  bbox: [number, number, number, number]
  area: number
  iscrowd: 0
  segmentation: []
  /** Not part of COCO's ground-truth format; tools ignore it. null for user-drawn boxes. */
  attributes: { confidence: number | null; source: 'detected' | 'user' }
}

export interface CocoCategory {
  id: number
  name: string
  supercategory: string
}

export interface CocoDataset {
  info: { description: string }
  images: CocoImage[]
  annotations: CocoAnnotation[]
  categories: CocoCategory[]
}

/** Pixel coordinates keep two decimals: exact enough, and no float noise like 64.00000000001. */
const PIXEL_DECIMALS = 2

function supercategory(name: string, analyses: LabelAnalysis[]): string {
  for (const analysis of analyses) {
    const parent = analysis.labels.find((label) => label.name === name)?.parents[0]
    if (parent) return parent
  }
  return 'none'
}

/**
 * Category ids start at 1 (COCO reserves 0) and follow classList(), so the same label has the
 * same id in every image. Image ids follow the photos' order from 1.
 */
export function toCoco(photos: ExportPhoto[]): CocoDataset {
  const classes = classList(photos)
  const categoryId = new Map(classes.map((name, index) => [name, index + 1]))
  const fileNames = uniqueFileNames(photos)
  const analyses = photos.map((photo) => photo.state.analysis)
  const annotations: CocoAnnotation[] = []
  photos.forEach((photo, index) => {
    for (const entry of exportBoxes(photo)) {
      const { x, y, width, height } = roundedPixels(entry, photo, PIXEL_DECIMALS)
      if (width <= 0 || height <= 0) continue
      annotations.push({
        id: annotations.length + 1,
        image_id: index + 1,
        category_id: categoryId.get(entry.source.label) ?? 0,
        bbox: [x, y, width, height],
        area: roundTo(width * height, PIXEL_DECIMALS),
        iscrowd: 0,
        segmentation: [],
        attributes: { confidence: entry.source.confidence, source: entry.source.source },
      })
    }
  })
  return {
    info: { description: 'Exported by Image Labels' },
    images: photos.map((photo, index) => ({
      id: index + 1,
      file_name: fileNames[index] ?? photo.fileName,
      width: photo.width,
      height: photo.height,
    })),
    annotations,
    categories: classes.map((name, index) => ({
      id: index + 1,
      name,
      supercategory: supercategory(name, analyses),
    })),
  }
}
