// One DetectLabels answer from one photo, wherever the pixels and the model run: the local
// endpoint (sharp + tfjs in Node) and the on-device worker (canvas + tfjs in the browser) hand in
// how to read pixels and run CenterNet, and get the same defaults, post-processing and shape.
import { calibrateScore } from './calibration'
import { CENTERNET_INPUT_SIZE, decodeCenterNet } from './centernet'
import { boxColors, imageProperties } from './image-properties'
import { filterLabels, labelsFromDetections } from './labels'
import { computeLetterbox, inputToNormalized } from './letterbox'
import { classAwareNms } from './nms'
import {
  DEFAULT_MAX_DOMINANT_COLORS,
  DEFAULT_MAX_LABELS,
  DEFAULT_MIN_CONFIDENCE,
  requestedFeatures,
  type DetectLabelsParams,
  type RequestedFeatures,
} from './params'
import { cropPixels, type PixelImage } from './pixels'
import { letterboxRgb } from './resample'
import {
  mergeTiledDetections,
  planTiles,
  tileToPhoto,
  touchesInnerEdge,
  type TiledDetection,
} from './tiles'
import type { Detection, NormalizedBox } from './types'
import type { WireImageProperties, WireLabel } from './wire'

/** Raw scores below this never reach an answer (calibrated: about 19). */
const MIN_RAW_SCORE = 0.1
const NMS_IOU = 0.5
const MAX_DETECTIONS = 100
/** Long side of the copy image properties are measured on: detail enough for sharpness. */
export const ANALYSIS_SIDE = 512

/** The request's parameters with every default filled in, decided in this one place. */
export interface ResolvedParams {
  features: RequestedFeatures
  minConfidence: number
  maxLabels: number
  maxDominantColors: number
  /** What the label filters read: the request's filters with the resolved numbers. */
  filtering: DetectLabelsParams
}

export function resolveParams(params: DetectLabelsParams): ResolvedParams {
  const minConfidence = params.MinConfidence ?? DEFAULT_MIN_CONFIDENCE
  const maxLabels = params.MaxLabels ?? DEFAULT_MAX_LABELS
  return {
    features: requestedFeatures(params),
    minConfidence,
    maxLabels,
    maxDominantColors:
      params.Settings?.ImageProperties?.MaxDominantColors ?? DEFAULT_MAX_DOMINANT_COLORS,
    filtering: { ...params, MinConfidence: minConfidence, MaxLabels: maxLabels },
  }
}

/** What the platform does for the shared code: decode, scale and run the model. */
export interface DetectionPlatform {
  /** The upright photo at full size, decoded (RGB or RGBA): letterboxed by the shared code. */
  pixels(): Promise<PixelImage>
  /** CenterNet's raw `tower_0/detections` rows for letterboxed RGB pixels. */
  runModel(rgb: Uint8Array): Promise<ArrayLike<number>>
  /** The upright photo scaled down (never up) to fit `maxSide`, for image properties. */
  analysisPixels(maxSide: number): Promise<PixelImage>
}

/**
 * Objects found on the photo, placed on it, with calibrated confidences. A photo much wider or
 * taller than square (a panorama) is read in overlapping tiles (tiles.ts) and the detections
 * merged, so objects that a single squeezed pass would shrink to nothing are still found.
 */
export async function detectObjects(
  width: number,
  height: number,
  platform: DetectionPlatform,
): Promise<Detection[]> {
  const photo = { width, height }
  const tiles = planTiles(photo)
  const pixels = await platform.pixels()
  const found: TiledDetection[] = []
  // One after another: the model runs single-threaded, so parallel runs gain nothing.
  for (const tile of tiles) {
    const { region } = tile
    const source = tiles.length > 1 ? cropPixels(pixels, region) : pixels
    const letterbox = computeLetterbox(region.width, region.height, CENTERNET_INPUT_SIZE)
    const rows = await platform.runModel(letterboxRgb(source, letterbox))
    for (const raw of classAwareNms(
      decodeCenterNet(rows, MIN_RAW_SCORE),
      NMS_IOU,
      MAX_DETECTIONS,
    )) {
      const onTile = inputToNormalized(raw.box, letterbox)
      found.push({
        classIndex: raw.classIndex,
        confidence: calibrateScore(raw.score),
        box: tiles.length > 1 ? tileToPhoto(onTile, tile, photo) : onTile,
        cut: tiles.length > 1 && touchesInnerEdge(onTile, tile),
      })
    }
  }
  const merged = tiles.length > 1 ? mergeTiledDetections(found, NMS_IOU, MAX_DETECTIONS) : found
  return merged.map(({ classIndex, confidence, box }) => ({ classIndex, confidence, box }))
}

/** DetectLabels' answer as the local endpoint and the device give it (a type, so it is a record). */
export type WireDetectLabelsAnswer = {
  LabelModelVersion: string
  Labels?: WireLabel[]
  ImageProperties?: WireImageProperties
}

/** The DetectLabels answer in the wire (PascalCase) shape for an upright photo of this size. */
export async function detectLabelsAnswer(
  photo: { width: number; height: number },
  params: DetectLabelsParams,
  platform: DetectionPlatform,
  modelVersion: string,
): Promise<WireDetectLabelsAnswer> {
  const { features, minConfidence, maxDominantColors: maxColors, filtering } = resolveParams(params)
  // The statistics' small copy of the photo is made while the model runs, not after it.
  const analysisPixels = features.imageProperties
    ? platform.analysisPixels(ANALYSIS_SIDE)
    : undefined
  // Its failure, if any, is thrown below, once detection is done.
  analysisPixels?.catch(() => undefined)
  const detections = await detectObjects(photo.width, photo.height, platform)
  const answer: WireDetectLabelsAnswer = { LabelModelVersion: modelVersion }
  const analysis = await analysisPixels
  if (features.generalLabels) {
    const instanceColors = analysis && ((box: NormalizedBox) => boxColors(analysis, box, maxColors))
    const labels = labelsFromDetections(detections, minConfidence, instanceColors)
    answer.Labels = filterLabels(labels, filtering)
  }
  if (analysis) {
    const objectBoxes = detections
      .filter((detection) => detection.confidence >= minConfidence)
      .map((detection) => detection.box)
    answer.ImageProperties = imageProperties(analysis, objectBoxes, maxColors)
  }
  return answer
}
