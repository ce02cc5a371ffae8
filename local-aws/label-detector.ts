// How the server reaches the detector (local-aws/detector/): its contract types, its image check,
// recognising its input errors, and loading it only when no other detector is given (tests of the request path
// pass a stand-in and skip the model load).
import type { LabelDetector } from './detector/index.ts'

export type { DetectLabelsParams, LabelDetector } from './detector/index.ts'
// The image checks alone (sharp, no model): the server runs them once, before detection.
export { checkImage, type CheckedImage } from './detector/image.ts'

export const imageInputErrorCodes = [
  'InvalidImageFormatException',
  'ImageTooLargeException',
  'InvalidParameterException',
] as const

export type ImageInputErrorCode = (typeof imageInputErrorCodes)[number]

/** The Rekognition error code of the detector's `ImageInputError`, if that is what this is. */
export function imageInputErrorCode(error: unknown): ImageInputErrorCode | undefined {
  if (!(error instanceof Error) || !('code' in error)) return undefined
  const code = error.code
  return imageInputErrorCodes.find((known) => known === code)
}

export async function loadRealDetector(): Promise<LabelDetector> {
  const { loadLabelDetector } = await import('./detector/index.ts')
  return loadLabelDetector()
}
