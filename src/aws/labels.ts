// DetectLabels on an uploaded photo. The answer is handed on as the service sent it (without
// the SDK's metadata): the saved document keeps it, and src/lib turns it into the app's types.
import { DetectLabelsCommand, type DetectLabelsCommandInput } from '@aws-sdk/client-rekognition'
import type { DetectionSettings } from '../lib/analysis'
import type { DetectLabelsAnswer } from '../lib/detect-labels-answer'
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

export async function detectLabels(
  session: AwsSession,
  key: string,
  settings: DetectionSettings,
  signal?: AbortSignal,
): Promise<DetectLabelsAnswer> {
  try {
    const output = await session.rekognition.send(
      new DetectLabelsCommand(detectLabelsInput(session.config.imagesBucket, key, settings)),
      { abortSignal: signal },
    )
    const answer: Partial<typeof output> = { ...output }
    delete answer.$metadata
    return answer
  } catch (error) {
    throw toAppError(error)
  }
}
