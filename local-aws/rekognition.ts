// Rekognition DetectLabels: parameter validation with the error names Rekognition uses, the image
// read from bytes or from S3 with the caller's own permissions and checked once (format, size),
// then the detector (which resolves the parameters' defaults).
import { AwsError } from './errors.ts'
import {
  checkImage,
  imageInputErrorCode,
  type DetectLabelsParams,
  type LabelDetector,
} from './label-detector.ts'
import type { Caller } from './state.ts'

export const maxImageBytes = 5 * 1024 * 1024
export const maxS3ImageBytes = 15 * 1024 * 1024
const featureNames = ['GENERAL_LABELS', 'IMAGE_PROPERTIES']
const filterNames = [
  'LabelInclusionFilters',
  'LabelExclusionFilters',
  'LabelCategoryInclusionFilters',
  'LabelCategoryExclusionFilters',
] as const

export interface RekognitionDeps {
  detector: LabelDetector
  /** Reads an S3 object with the caller's permissions; undefined when missing or forbidden. */
  readObjectAs(
    caller: Caller,
    bucket: string,
    key: string,
  ): Promise<Buffer | undefined | 'too-large'>
}

type JsonObject = Record<string, unknown>

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function validation(message: string): AwsError {
  return new AwsError('ValidationException', 400, `1 validation error detected: ${message}`)
}

function invalidParameter(message: string): AwsError {
  return new AwsError('InvalidParameterException', 400, message)
}

function serialization(message: string): AwsError {
  return new AwsError('SerializationException', 400, message)
}

function numberField(body: JsonObject, name: string): number | undefined {
  const value = body[name]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'number') throw serialization(`NUMBER_VALUE can not be converted to ${name}`)
  return value
}

function stringList(value: unknown, path: string): string[] {
  if (!Array.isArray(value)) throw serialization(`Expected a list at '${path}'`)
  return value.map((entry) => {
    if (typeof entry !== 'string') throw serialization(`Expected strings at '${path}'`)
    return entry
  })
}

function readSettings(value: unknown): DetectLabelsParams['Settings'] {
  if (value === undefined || value === null) return undefined
  if (!isObject(value)) throw serialization("Expected a structure at 'settings'")
  const settings: NonNullable<DetectLabelsParams['Settings']> = {}
  if (value.GeneralLabels !== undefined && value.GeneralLabels !== null) {
    if (!isObject(value.GeneralLabels)) {
      throw serialization("Expected a structure at 'settings.generalLabels'")
    }
    const general: NonNullable<typeof settings.GeneralLabels> = {}
    for (const name of filterNames) {
      const raw = value.GeneralLabels[name]
      if (raw === undefined || raw === null) continue
      const path = `settings.generalLabels.${name[0]!.toLowerCase()}${name.slice(1)}`
      const filters = stringList(raw, path)
      if (filters.length > 100) {
        throw validation(
          `Value at '${path}' failed to satisfy constraint: Member must have length less than or equal to 100`,
        )
      }
      if (filters.some((filter) => filter.length > 50 || !/^[A-Za-z0-9][^\n]*$/.test(filter))) {
        throw validation(
          `Value at '${path}' failed to satisfy constraint: Member must satisfy constraint: [Member must have length less than or equal to 50, Member must satisfy regular expression pattern: [A-Za-z0-9].*]`,
        )
      }
      general[name] = filters
    }
    settings.GeneralLabels = general
  }
  if (value.ImageProperties !== undefined && value.ImageProperties !== null) {
    if (!isObject(value.ImageProperties)) {
      throw serialization("Expected a structure at 'settings.imageProperties'")
    }
    const colours = numberField(value.ImageProperties, 'MaxDominantColors')
    if (colours !== undefined) {
      if (!Number.isInteger(colours) || colours < 0) {
        throw validation(
          `Value '${colours}' at 'settings.imageProperties.maxDominantColors' failed to satisfy constraint: Member must have value greater than or equal to 0`,
        )
      }
      if (colours > 20) throw invalidParameter('MaxDominantColors must be between 0 and 20.')
      settings.ImageProperties = { MaxDominantColors: colours }
    } else {
      settings.ImageProperties = {}
    }
  }
  return settings
}

/** Validates everything but the image, in the order and with the names Rekognition uses. */
export function readDetectLabelsParams(body: JsonObject): DetectLabelsParams {
  const params: DetectLabelsParams = {}
  const maxLabels = numberField(body, 'MaxLabels')
  if (maxLabels !== undefined) {
    if (!Number.isInteger(maxLabels)) throw serialization('MaxLabels must be an integer')
    if (maxLabels < 0) {
      throw validation(
        `Value '${maxLabels}' at 'maxLabels' failed to satisfy constraint: Member must have value greater than or equal to 0`,
      )
    }
    if (maxLabels > 1000) throw invalidParameter('MaxLabels must be between 0 and 1000.')
    params.MaxLabels = maxLabels
  }
  const minConfidence = numberField(body, 'MinConfidence')
  if (minConfidence !== undefined) {
    if (minConfidence < 0 || minConfidence > 100) {
      throw validation(
        `Value '${minConfidence}' at 'minConfidence' failed to satisfy constraint: Member must have value ${minConfidence < 0 ? 'greater than or equal to 0' : 'less than or equal to 100'}`,
      )
    }
    params.MinConfidence = minConfidence
  }
  if (body.Features !== undefined && body.Features !== null) {
    const features = stringList(body.Features, 'features')
    const unknown = features.find((feature) => !featureNames.includes(feature))
    if (unknown !== undefined) {
      throw validation(
        `Value '[${features.join(', ')}]' at 'features' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [${featureNames.join(', ')}]]`,
      )
    }
    params.Features = features
  }
  const settings = readSettings(body.Settings)
  if (settings) params.Settings = settings
  return params
}

type ImageSource = { bytes: Buffer } | { bucket: string; key: string; version?: string }

export function readImageSource(body: JsonObject): ImageSource {
  const image = body.Image
  if (image === undefined || image === null) {
    throw validation("Value null at 'image' failed to satisfy constraint: Member must not be null")
  }
  if (!isObject(image)) throw serialization("Expected a structure at 'image'")
  const hasBytes = image.Bytes !== undefined && image.Bytes !== null
  const hasObject = image.S3Object !== undefined && image.S3Object !== null
  if (hasBytes === hasObject) {
    throw invalidParameter('Requested image should either contain bytes or s3 object.')
  }
  if (hasBytes) {
    if (typeof image.Bytes !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(image.Bytes)) {
      throw serialization("Invalid base64 at 'image.bytes'")
    }
    const bytes = Buffer.from(image.Bytes, 'base64')
    if (bytes.length === 0) {
      throw validation(
        "Value at 'image.bytes' failed to satisfy constraint: Member must have length greater than or equal to 1",
      )
    }
    if (bytes.length > maxImageBytes) {
      throw new AwsError('ImageTooLargeException', 400, 'Image size is too large.')
    }
    return { bytes }
  }
  const s3Object = image.S3Object
  if (!isObject(s3Object)) throw serialization("Expected a structure at 'image.s3Object'")
  const { Bucket: bucket, Name: key, Version: version } = s3Object
  if (typeof bucket !== 'string' || bucket.length < 3 || typeof key !== 'string' || key === '') {
    throw validation(
      "Value at 'image.s3Object' failed to satisfy constraint: Bucket and Name must be given",
    )
  }
  if (version === undefined || version === null) return { bucket, key }
  if (typeof version !== 'string')
    throw serialization("Expected a string at 'image.s3Object.version'")
  return { bucket, key, version }
}

export class RekognitionService {
  constructor(private readonly deps: RekognitionDeps) {}

  async detectLabels(caller: Caller, body: JsonObject): Promise<Record<string, unknown>> {
    const source = readImageSource(body)
    const params = readDetectLabelsParams(body)
    let image: Buffer
    if ('bytes' in source) {
      image = source.bytes
    } else {
      // The local bucket is never versioned: only its `null` version can be read.
      const versionExists = source.version === undefined || source.version === 'null'
      const read = versionExists
        ? await this.deps.readObjectAs(caller, source.bucket, source.key)
        : undefined
      if (read === 'too-large') {
        throw new AwsError('ImageTooLargeException', 400, 'Image size is too large.')
      }
      if (read === undefined) {
        throw new AwsError(
          'InvalidS3ObjectException',
          400,
          'Unable to get object metadata from S3. Check object key, region and/or access permissions.',
        )
      }
      image = read
    }
    try {
      // Checked once, here, so that a stand-in detector gets the same refusals as the real one.
      return await this.deps.detector.detectLabels(await checkImage(image), params)
    } catch (error) {
      const code = imageInputErrorCode(error)
      if (code) throw new AwsError(code, 400, (error as Error).message)
      throw error
    }
  }
}
