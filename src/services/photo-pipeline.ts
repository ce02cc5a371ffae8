// The one path of a photo: prepare → upload → detect → save. A single photo, each photo of a
// batch, a retry and a new detection of a stored photo all run here. A job remembers what is
// done, so running it again after a failure repeats only the step that failed.
import type { DetectionSettings } from '../lib/analysis'
import { firstDocument, type AnalysisDocument } from '../lib/analysis-document'
import { appError, asAppError, type AppError, type AppErrorCode } from '../lib/app-errors'
import { toLabelAnalysis } from '../lib/detect-labels-answer'
import { devicePhotoKey, isDeviceKey } from '../lib/device-photo-key'
import { randomPhotoId } from '../lib/photo-key'
import type { PreparedPhoto } from '../workers/prepare-photo-client'
import type { AwsDoor } from './aws-door'
import type { Detection, Detector } from './detector'

export type PipelineStep = 'prepare' | 'upload' | 'detect' | 'save'

/** Upload failures that mean storage cannot be reached now, rather than a refusal. */
const UNREACHABLE: readonly AppErrorCode[] = ['offline', 'endpoint-down', 'credentials-failed']

/** A photo as the pipeline needs it once prepared (a stored photo reopened has no thumbnail). */
export type JobPhoto = Pick<PreparedPhoto, 'bytes' | 'width' | 'height'> & {
  thumbnail: ArrayBuffer | null
}

export interface PhotoJob {
  /** The file as chosen; null for a photo that is already prepared and stored. */
  readonly file: Blob | null
  readonly fileName: string
  /**
   * The id the photo is stored under, chosen before its upload so that repeating the upload
   * after a reload writes the same key once; null for a photo already stored.
   */
  readonly photoId: string | null
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
  /** Where photos are stored; null keeps them on this device (the app has no AWS config). */
  door: Pick<AwsDoor, 'uploadPhoto' | 'putThumbnail'> | null
  detector: Detector
  prepare: (file: Blob, fileName: string, maxMegapixels: number) => Promise<PreparedPhoto>
  /**
   * Stores the first document (or hands it to whoever keeps it). Without a door the photo's
   * bytes are not stored anywhere yet: this is where keeping them on the device plugs in.
   */
  save: (photoKey: string, document: AnalysisDocument) => Promise<void>
  now?: () => Date
  /** The key of a photo kept on this device; random by default. */
  deviceKey?: () => string
  /**
   * Whether labels made on the device are shown even when storage cannot be reached (the photo
   * on screen), instead of the job failing to wait for the network (the queue).
   */
  showWhenUnreachable?: boolean
}

export interface PipelineRun {
  /** The settings for this run, handed over once; the pipeline reads no store. */
  settings: DetectionSettings
  maxMegapixels: number
  signal?: AbortSignal
  onStep?: (step: PipelineStep) => void
  onPrepared?: (photo: PreparedPhoto) => void
  onUploadProgress?: (progress: { loaded: number; total: number }) => void
  /**
   * Called each time the job has a step more done (prepared, uploaded, labelled, thumbnail
   * stored): a reload then repeats nothing that is kept. Each write runs beside the next step, in
   * order, and the job ends only once they are all done.
   */
  persist?: (job: PhotoJob) => Promise<void>
}

export interface PipelineResult {
  /** A device key (lib/photo-key.ts) when the photo was kept on this device, not stored. */
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
    photoId: randomPhotoId(crypto.getRandomValues(new Uint8Array(16))),
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
    photoId: null,
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
  // The job's record is written beside the next step, not before it: each write (the prepared
  // photo included) took its IndexedDB time off the photo's way to its labels. Writes stay in
  // order, and the job is not done until the last one is.
  let recorded: Promise<void> = Promise.resolve()
  const record = () => {
    const persist = run.persist
    if (persist) recorded = recorded.then(() => persist(job))
  }
  try {
    if (!job.prepared) {
      const file = job.file
      if (!file) throw new PipelineFailure('prepare', appError('not-decodable', 'no file'))
      const prepared = await step('prepare', run, () =>
        deps.prepare(file, job.fileName, run.maxMegapixels),
      )
      job.prepared = prepared
      run.onPrepared?.(prepared)
      record()
    }
    const photo = job.prepared
    const bytes = new Uint8Array(photo.bytes)

    const keepOnDevice = () => {
      job.photoKey ??= (deps.deviceKey ?? randomDeviceKey)()
      job.addedAt ??= now().toISOString()
    }
    const store = async () => {
      const door = deps.door
      // A key of this device on a record means storage was out of reach when it was shown: with
      // storage set up, it is uploaded now.
      if (job.photoKey && !(door && isDeviceKey(job.photoKey))) return
      if (!door) return keepOnDevice()
      try {
        job.photoKey = await step('upload', run, () =>
          door.uploadPhoto({
            bytes,
            fileName: job.fileName,
            ...(job.photoId ? { photoId: job.photoId } : {}),
            ...(run.signal ? { signal: run.signal } : {}),
            ...(run.onUploadProgress ? { onProgress: run.onUploadProgress } : {}),
          }),
        )
        job.addedAt ??= now().toISOString()
        record()
      } catch (error) {
        // Labels made on the device need no network. Where the caller shows them at once (the
        // photo on screen), an unreachable storage leaves them shown under a key of this device;
        // the job's record, kept with that key, is uploaded when the network returns.
        const unreachable =
          error instanceof PipelineFailure && UNREACHABLE.includes(error.error.code)
        const labelled = job.detection !== null && !deps.detector.needsUpload
        if (labelled && unreachable && deps.showWhenUnreachable) return keepOnDevice()
        throw error
      }
    }

    // Rekognition reads the photo from storage, so it is uploaded first. A detector on the
    // device labels before the upload: labelling needs no network (offline too), and a failed
    // upload is then retried alone, with the labels kept.
    if (deps.detector.needsUpload) await store()

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
      record()
    }
    await store()

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
        storeThumbnail(job, photoKey, deps).then(async (stored) => {
          record()
          await recorded
          return stored
        }),
        deps.save(photoKey, document),
      ])
      return stored
    })
    return { photoKey, document, thumbnail }
  } catch (error) {
    // The step's failure is what is reported; the record still gets what was done before it.
    await recorded.catch(() => undefined)
    throw error
  }
}

/** A thumbnail that fails costs only the picture in My photos; it is not retried. */
async function storeThumbnail(
  job: PhotoJob,
  photoKey: string,
  deps: PipelineDeps,
): Promise<Uint8Array | null> {
  const thumbnail = job.prepared?.thumbnail
  const door = deps.door
  if (job.thumbnailTried || !thumbnail || !door || isDeviceKey(photoKey)) {
    return job.storedThumbnail
  }
  job.thumbnailTried = true
  const bytes = new Uint8Array(thumbnail)
  try {
    await door.putThumbnail(photoKey, bytes, job.fileName)
    job.storedThumbnail = bytes
  } catch {
    job.storedThumbnail = null
  }
  return job.storedThumbnail
}

/** A key for a photo that stays on this device; it never names an S3 object. */
function randomDeviceKey(): string {
  return devicePhotoKey(randomPhotoId(crypto.getRandomValues(new Uint8Array(16))))
}

let boxCounter = 0
function newBoxId(): string {
  boxCounter += 1
  return `d${Date.now().toString(36)}-${boxCounter}`
}
