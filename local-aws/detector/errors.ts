export type ImageInputErrorCode =
  'InvalidImageFormatException' | 'ImageTooLargeException' | 'InvalidParameterException'

/** A problem with the image itself, named as Rekognition names it. */
export class ImageInputError extends Error {
  constructor(
    readonly code: ImageInputErrorCode,
    message: string,
  ) {
    super(message)
    this.name = code
  }
}
