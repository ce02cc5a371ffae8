// The local Rekognition detector: checks an image (unless the caller already did), resolves the
// parameters' defaults, runs CenterNet (COCO) on the tfjs wasm backend and answers in
// DetectLabels' wire shape. The server calls only what this file and image.ts export.
import { CENTERNET_INPUT_SIZE, decodeCenterNet } from '../../src/lib/detection/centernet.ts'
import { calibrateScore } from '../../src/lib/detection/calibration.ts'
import { computeLetterbox, inputToNormalized } from '../../src/lib/detection/letterbox.ts'
import { labelsFromDetections, filterLabels } from '../../src/lib/detection/labels.ts'
import { classAwareNms } from '../../src/lib/detection/nms.ts'
import {
  mergeTiledDetections,
  planTiles,
  tileToPhoto,
  touchesInnerEdge,
  type Tile,
  type TiledDetection,
} from '../../src/lib/detection/tiles.ts'
import { boxColors, imageProperties } from '../../src/lib/detection/image-properties.ts'
import {
  DEFAULT_MAX_DOMINANT_COLORS,
  DEFAULT_MAX_LABELS,
  DEFAULT_MIN_CONFIDENCE,
  requestedFeatures,
  type DetectLabelsParams,
  type RequestedFeatures,
} from '../../src/lib/detection/params.ts'
import type { Detection, NormalizedBox } from '../../src/lib/detection/types.ts'
import { runCenterNet } from './centernet-runner.ts'
import {
  checkImage,
  decodeForAnalysis,
  decodeLetterboxed,
  decodeUpright,
  letterboxRegion,
  type CheckedImage,
  type RgbPixels,
} from './image.ts'
import { loadModelFromFiles } from './model.ts'

export type { DetectLabelsParams } from '../../src/lib/detection/params.ts'
export { ImageInputError } from './errors.ts'
export { checkImage, type CheckedImage } from './image.ts'

export const LABEL_MODEL_VERSION = 'local-centernet-coco-1.0'
/** Raw scores below this never reach a response (calibrated: about 19). */
const MIN_RAW_SCORE = 0.1
const NMS_IOU = 0.5
const MAX_DETECTIONS = 100
/** Long side of the copy image properties are measured on: detail enough for sharpness. */
const ANALYSIS_SIDE = 512

export interface LabelDetector {
  /**
   * DetectLabels response JSON in the wire (PascalCase) shape. An image already checked with
   * `checkImage` (as the server does, once, before detection) is not checked again.
   */
  detectLabels(
    image: Uint8Array | CheckedImage,
    params: DetectLabelsParams,
  ): Promise<Record<string, unknown>>
  readonly modelVersion: string
}

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

function isChecked(image: Uint8Array | CheckedImage): image is CheckedImage {
  return !(image instanceof Uint8Array)
}

/** Loads CenterNet once and warms it up, so the first request is not the slow one. */
export async function loadLabelDetector(): Promise<LabelDetector> {
  const model = await loadModelFromFiles('centernet')

  /** Runs the model on one tile; `decoded` holds the upright photo when there are several. */
  async function detectOnTile(
    image: CheckedImage,
    tile: Tile,
    decoded: RgbPixels | undefined,
  ): Promise<TiledDetection[]> {
    const { region } = tile
    const letterbox = computeLetterbox(region.width, region.height, CENTERNET_INPUT_SIZE)
    const pixels = decoded
      ? await letterboxRegion(decoded, region, letterbox)
      : await decodeLetterboxed(image, letterbox)
    const rows = await runCenterNet(model, pixels.data)
    return classAwareNms(decodeCenterNet(rows, MIN_RAW_SCORE), NMS_IOU, MAX_DETECTIONS).map(
      (raw) => {
        const onTile = inputToNormalized(raw.box, letterbox)
        return {
          classIndex: raw.classIndex,
          confidence: calibrateScore(raw.score),
          box: tileToPhoto(onTile, tile, image),
          cut: touchesInnerEdge(onTile, tile),
        }
      },
    )
  }

  /** One pass for an ordinary photo; a panorama is decoded once and read in tiles (tiles.ts). */
  async function detect(image: CheckedImage): Promise<Detection[]> {
    const tiles = planTiles(image)
    const decoded = tiles.length > 1 ? await decodeUpright(image) : undefined
    const found: TiledDetection[] = []
    // One after another: the model is single-threaded wasm, so parallel runs gain nothing.
    for (const tile of tiles) found.push(...(await detectOnTile(image, tile, decoded)))
    return mergeTiledDetections(found, NMS_IOU, MAX_DETECTIONS).map(
      ({ classIndex, confidence, box }) => ({ classIndex, confidence, box }),
    )
  }

  const warmUpPixels = new Uint8Array(CENTERNET_INPUT_SIZE * CENTERNET_INPUT_SIZE * 3).fill(114)
  await runCenterNet(model, warmUpPixels)

  return {
    modelVersion: LABEL_MODEL_VERSION,
    async detectLabels(given, params) {
      const image = isChecked(given) ? given : await checkImage(given)
      const {
        features,
        minConfidence,
        maxDominantColors: maxColors,
        filtering,
      } = resolveParams(params)
      const detections = await detect(image)
      const response: Record<string, unknown> = { LabelModelVersion: LABEL_MODEL_VERSION }
      const analysis = features.imageProperties
        ? { ...(await decodeForAnalysis(image, ANALYSIS_SIDE)), channels: 3 as const }
        : undefined
      if (features.generalLabels) {
        const instanceColors =
          analysis && ((box: NormalizedBox) => boxColors(analysis, box, maxColors))
        const labels = labelsFromDetections(detections, minConfidence, instanceColors)
        response.Labels = filterLabels(labels, filtering)
      }
      if (analysis) {
        const objectBoxes = detections
          .filter((detection) => detection.confidence >= minConfidence)
          .map((detection) => detection.box)
        response.ImageProperties = imageProperties(analysis, objectBoxes, maxColors)
      }
      return response
    },
  }
}
