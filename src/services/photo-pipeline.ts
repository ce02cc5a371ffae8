// The one path of a photo: prepare → upload → detect → save. A single photo, each photo of a
// batch, a retry and a new detection of a stored photo all run here. A job remembers what is
// done, so running it again after a failure repeats only the step that failed.
import type { DetectionSettings } from '../lib/analysis'
import { firstDocument, type AnalysisDocument } from '../lib/analysis-document'
import { appError, asAppError, type AppError } from '../lib/app-errors'
import { toLabelAnalysis } from '../lib/detect-labels-answer'
import type { PreparedPhoto } from '../workers/prepare-photo-client'
import type { AwsDoor } from './aws-door'
import type { Detection, Detector } from './detector'

export type PipelineStep = 'prepare' | 'upload' | 'detect' | 'save'

/** A photo as the pipeline needs it once prepared (a stored photo reopened has no thumbnail). */
export type JobPhoto = Pick<PreparedPhoto, 'bytes' | 'width' | 'height'> & {
  thumbnail: ArrayBuffer | null
}

export interface PhotoJob {
  /** The file as chosen; null for a photo that is already prepared and stored. */
  readonly file: Blob | null
  readonly fileName: string
  prepared: JobPhoto | null
  photoKey: string | null
  detection: Detection | null
  /** ISO 8601, set when the photo is first stored and kept when it is labelled again. */
  addedAt: string | null
  /** Whether storing the thumbnail was tried (once: a photo works without one). */
  thumbnailTried: boolean
  /** The thumbnail as stored, for showing in My photos. */
  storedThumbnail: Uint8Array | null
}

export interface PipelineDeps {
  door: Pick<AwsDoor, 'uploadPhoto' | 'putThumbnail'>
  detector: Detector
  prepare: (file: Blob, fileName: string, maxMegapixels: number) => Promise<PreparedPhoto>
  /** Stores the first document (or hands it to whoever keeps it). */
  save: (photoKey: string, document: AnalysisDocument) => Promise<void>
  now?: () => Date
}

export interface PipelineRun {
  /** The settings for this run, handed over once; the pipeline reads no store. */
  settings: DetectionSettings
  maxMegapixels: number
  signal?: AbortSignal
  onStep?: (step: PipelineStep) => void
  onPrepared?: (photo: PreparedPhoto) => void
  onUploadProgress?: (progress: { loaded: number; total: number }) => void
}

export interface PipelineResult {
  photoKey: string
  document: AnalysisDocument
  /** The thumbnail stored beside the photo, or null when there is none. */
  thumbnail: Uint8Array | null
}

/** A failed step and why, so the caller can say which step to retry. */
export class PipelineFailure extends Error {
  override readonly name = 'PipelineFailure'
  constructor(
    readonly step: PipelineStep,
    readonly error: AppError,
  ) {
    super(`${step}: ${error.title}`)
  }
}

export function newJob(file: Blob, fileName: string): PhotoJob {
  return {
    file,
    fileName,
    prepared: null,
    photoKey: null,
    detection: null,
    addedAt: null,
    thumbnailTried: false,
    storedThumbnail: null,
  }
}

/** A stored photo to label again: only detection and saving are left to do. */
export function storedPhotoJob(input: {
  photoKey: string
  fileName: string
  photo: JobPhoto
  addedAt: string
}): PhotoJob {
  return {
    file: null,
    fileName: input.fileName,
    prepared: input.photo,
    photoKey: input.photoKey,
    detection: null,
    addedAt: input.addedAt,
    thumbnailTried: true,
    storedThumbnail: null,
  }
}

async function step<T>(name: PipelineStep, run: PipelineRun, work: () => Promise<T>): Promise<T> {
  run.onStep?.(name)
  try {
    return await work()
  } catch (error) {
    const failure = run.signal?.aborted ? appError('cancelled') : asAppError(error)
    throw new PipelineFailure(name, failure)
  }
}

/** Runs what is left of the job; rejects with a PipelineFailure naming the step. */
export async function runPhotoJob(
  job: PhotoJob,
  deps: PipelineDeps,
  run: PipelineRun,
): Promise<PipelineResult> {
  const now = deps.now ?? (() => new Date())
  if (!job.prepared) {
    const file = job.file
    if (!file) throw new PipelineFailure('prepare', appError('not-decodable', 'no file'))
    const prepared = await step('prepare', run, () =>
      deps.prepare(file, job.fileName, run.maxMegapixels),
    )
    job.prepared = prepared
    run.onPrepared?.(prepared)
  }
  const photo = job.prepared
  const bytes = new Uint8Array(photo.bytes)

  if (!job.photoKey && deps.detector.needsUpload) {
    job.photoKey = await step('upload', run, () =>
      deps.door.uploadPhoto({
        bytes,
        fileName: job.fileName,
        ...(run.signal ? { signal: run.signal } : {}),
        ...(run.onUploadProgress ? { onProgress: run.onUploadProgress } : {}),
      }),
    )
    job.addedAt = now().toISOString()
  }

  if (!job.detection) {
    try {
      job.detection = await step('detect', run, () =>
        deps.detector.detect({
          photoKey: job.photoKey,
          bytes,
          settings: run.settings,
          ...(run.signal ? { signal: run.signal } : {}),
        }),
      )
    } catch (error) {
      // A photo gone from storage must be uploaded again before it can be labelled.
      if (error instanceof PipelineFailure && error.error.code === 'photo-not-found')
        job.photoKey = null
      throw error
    }
  }

  const photoKey = job.photoKey
  if (!photoKey) throw new PipelineFailure('save', appError('photo-not-found', 'not uploaded'))
  const detection = job.detection
  const savedAt = now().toISOString()
  const document = firstDocument(
    {
      photoKey,
      width: photo.width,
      height: photo.height,
      fileName: job.fileName,
      addedAt: job.addedAt ?? savedAt,
      settings: detection.settings,
      response: detection.answer,
      analysis: toLabelAnalysis(detection.answer, newBoxId),
    },
    savedAt,
  )
  const thumbnail = await step('save', run, async () => {
    const [stored] = await Promise.all([
      storeThumbnail(job, photoKey, deps),
      deps.save(photoKey, document),
    ])
    return stored
  })
  return { photoKey, document, thumbnail }
}

/** A thumbnail that fails costs only the picture in My photos; it is not retried. */
async function storeThumbnail(
  job: PhotoJob,
  photoKey: string,
  deps: PipelineDeps,
): Promise<Uint8Array | null> {
  const thumbnail = job.prepared?.thumbnail
  if (job.thumbnailTried || !thumbnail) return job.storedThumbnail
  job.thumbnailTried = true
  const bytes = new Uint8Array(thumbnail)
  try {
    await deps.door.putThumbnail(photoKey, bytes, job.fileName)
    job.storedThumbnail = bytes
  } catch {
    job.storedThumbnail = null
  }
  return job.storedThumbnail
}

let boxCounter = 0
function newBoxId(): string {
  boxCounter += 1
  return `d${Date.now().toString(36)}-${boxCounter}`
}
