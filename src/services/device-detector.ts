// Detection on this device as a detection source: CenterNet in a Web Worker on the prepared
// JPEG, answering in DetectLabels' shape. It reads no storage, so the photo need not be
// uploaded first (and is not uploaded at all when the app has no AWS config).
import type { DetectionSettings } from '../lib/analysis'
import type { DetectLabelsParams } from '../lib/detection/params'
import { detectOnDevice } from '../workers/detect-labels-client'
import { copySettings, type Detection, type DetectionRequest, type Detector } from './detector'

/** The settings as DetectLabels parameters, exactly as the Rekognition request spells them. */
export function deviceDetectLabelsParams(settings: DetectionSettings): DetectLabelsParams {
  const params: DetectLabelsParams = {
    MaxLabels: settings.maxLabels,
    MinConfidence: settings.minConfidence,
    Features: settings.imageProperties
      ? ['GENERAL_LABELS', 'IMAGE_PROPERTIES']
      : ['GENERAL_LABELS'],
  }
  const generalLabels: NonNullable<NonNullable<DetectLabelsParams['Settings']>['GeneralLabels']> =
    {}
  if (settings.includeCategories.length > 0)
    generalLabels.LabelCategoryInclusionFilters = settings.includeCategories
  if (settings.excludeCategories.length > 0)
    generalLabels.LabelCategoryExclusionFilters = settings.excludeCategories
  if (Object.keys(generalLabels).length > 0) params.Settings = { GeneralLabels: generalLabels }
  return params
}

export function deviceDetector(detect: typeof detectOnDevice = detectOnDevice): Detector {
  return {
    needsUpload: false,
    async detect(request: DetectionRequest): Promise<Detection> {
      const settings = copySettings(request.settings)
      const { answer } = await detect(
        request.bytes,
        deviceDetectLabelsParams(settings),
        request.signal,
      )
      // The same model and filters as the local endpoint: every setting is applied.
      return { answer, settings }
    },
  }
}
