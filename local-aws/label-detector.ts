// The contract of the detector (local-aws/detector/), restated structurally so that the request
// path does not depend on the detector module being loaded.
export interface DetectLabelsParams {
  MaxLabels?: number
  MinConfidence?: number
  Features?: string[]
  Settings?: {
    GeneralLabels?: {
      LabelInclusionFilters?: string[]
      LabelExclusionFilters?: string[]
      LabelCategoryInclusionFilters?: string[]
      LabelCategoryExclusionFilters?: string[]
    }
    ImageProperties?: { MaxDominantColors?: number }
  }
}

export interface LabelDetector {
  detectLabels(image: Uint8Array, params: DetectLabelsParams): Promise<Record<string, unknown>>
  readonly modelVersion: string
}

export const imageInputErrorCodes = [
  'InvalidImageFormatException',
  'ImageTooLargeException',
  'InvalidParameterException',
] as const

export type ImageInputErrorCode = (typeof imageInputErrorCodes)[number]

/** Recognises the detector's `ImageInputError` without importing the detector module. */
export function imageInputErrorCode(error: unknown): ImageInputErrorCode | undefined {
  if (!(error instanceof Error) || !('code' in error)) return undefined
  const code = error.code
  return imageInputErrorCodes.find((known) => known === code)
}

export async function loadRealDetector(): Promise<LabelDetector> {
  const modulePath = './detector/index.ts'
  const detectorModule = (await import(modulePath)) as {
    loadLabelDetector(): Promise<LabelDetector>
  }
  return detectorModule.loadLabelDetector()
}
