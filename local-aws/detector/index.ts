// The local Rekognition detector: checks an image (unless the caller already did), resolves the
// parameters' defaults, runs CenterNet (COCO) on the tfjs wasm backend and answers in
// DetectLabels' wire shape. The server calls only what this file and image.ts export.
import { warmUpCenterNet, runCenterNet } from '../../src/lib/detection/centernet-runner.ts'
import {
  detectLabelsAnswer,
  type DetectionPlatform,
} from '../../src/lib/detection/detect-labels.ts'
import type { DetectLabelsParams } from '../../src/lib/detection/params.ts'
import { checkImage, decodeUpright, scaleForAnalysis, type CheckedImage } from './image.ts'
import { loadModelFromFiles } from './model.ts'

export type { DetectLabelsParams } from '../../src/lib/detection/params.ts'
export { resolveParams, type ResolvedParams } from '../../src/lib/detection/detect-labels.ts'
export { ImageInputError } from './errors.ts'
export { checkImage, type CheckedImage } from './image.ts'

export const LABEL_MODEL_VERSION = 'local-centernet-coco-1.0'
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

function isChecked(image: Uint8Array | CheckedImage): image is CheckedImage {
  return !(image instanceof Uint8Array)
}

/** Loads CenterNet once and warms it up, so the first request is not the slow one. */
export async function loadLabelDetector(): Promise<LabelDetector> {
  const model = await loadModelFromFiles('centernet')
  await warmUpCenterNet(model)

  const platformFor = (image: CheckedImage): DetectionPlatform => {
    let decoded: ReturnType<typeof decodeUpright> | undefined
    // One decode serves the model and the statistics, whichever asks first.
    const upright = () => (decoded ??= decodeUpright(image))
    return {
      pixels: async () => ({ ...(await upright()), channels: 3 }),
      runModel: (rgb) => runCenterNet(model, rgb),
      analysisPixels: async (maxSide) => ({
        ...(await scaleForAnalysis(await upright(), maxSide)),
        channels: 3,
      }),
    }
  }

  return {
    modelVersion: LABEL_MODEL_VERSION,
    async detectLabels(given, params) {
      const image = isChecked(given) ? given : await checkImage(given)
      return detectLabelsAnswer(image, params, platformFor(image), LABEL_MODEL_VERSION)
    },
  }
}
