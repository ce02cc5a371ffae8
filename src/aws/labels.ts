// DetectLabels on an uploaded photo, answered in the app's own types.
import { DetectLabelsCommand, type DetectLabelsCommandInput } from '@aws-sdk/client-rekognition'
import type { DetectionSettings, LabelAnalysis } from '../lib/analysis'
import { toLabelAnalysis } from './convert'
import { toAppError } from './errors'
import type { AwsSession } from './session'

export function detectLabelsInput(
  bucket: string,
  key: string,
  settings: DetectionSettings,
): DetectLabelsCommandInput {
  const generalLabels: NonNullable<
    NonNullable<DetectLabelsCommandInput['Settings']>['GeneralLabels']
  > = {}
  if (settings.includeCategories.length > 0)
    generalLabels.LabelCategoryInclusionFilters = settings.includeCategories
  if (settings.excludeCategories.length > 0)
    generalLabels.LabelCategoryExclusionFilters = settings.excludeCategories
  const input: DetectLabelsCommandInput = {
    Image: { S3Object: { Bucket: bucket, Name: key } },
    MaxLabels: settings.maxLabels,
    MinConfidence: settings.minConfidence,
    Features: settings.imageProperties
      ? ['GENERAL_LABELS', 'IMAGE_PROPERTIES']
      : ['GENERAL_LABELS'],
  }
  if (Object.keys(generalLabels).length > 0) input.Settings = { GeneralLabels: generalLabels }
  return input
}

let boxCounter = 0
function nextBoxId(): string {
  boxCounter += 1
  return `d${Date.now().toString(36)}-${boxCounter}`
}

export async function detectLabels(
  session: AwsSession,
  key: string,
  settings: DetectionSettings,
  signal?: AbortSignal,
): Promise<LabelAnalysis> {
  try {
    const response = await session.rekognition.send(
      new DetectLabelsCommand(detectLabelsInput(session.config.imagesBucket, key, settings)),
      { abortSignal: signal },
    )
    return toLabelAnalysis(response, nextBoxId)
  } catch (error) {
    throw toAppError(error)
  }
}
