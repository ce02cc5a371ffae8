// The app's one door to AWS. It loads the AWS module on first use (the SDK stays out of the
// startup bundle), starts the guest session once, asks for new credentials after they expired or
// the identity changed, and turns every failure into an AppError. Callers say what they want
// (upload, detect, list, save, remove) and nothing about loading or sessions.
import type { AwsSession, Thumbnail, UploadInput } from '../aws'
import type { DetectionSettings } from '../lib/analysis'
import type { AnalysisDocument } from '../lib/analysis-document'
import { appError, guestsPausedError, isAppError, type AppError } from '../lib/app-errors'
import type { SavedVersion } from '../lib/autosave'
import type { DetectLabelsAnswer } from '../lib/detect-labels-answer'
import type { MyPhotosEntry } from '../lib/my-photos'
import type { RuntimeConfig } from '../lib/runtime-config'

type AwsModule = typeof import('../aws')

export interface AwsDoorOptions {
  config: RuntimeConfig
  /** Called with the identity each session starts with, and again when the provider hands out another. */
  onIdentity?: (identityId: string, previous: string | null) => void
  /** Tests pass the module in; the app loads it lazily. */
  loadAws?: () => Promise<AwsModule>
}

export class AwsDoor {
  private module: Promise<AwsModule> | null = null
  private session: AwsSession | null = null
  private starting: Promise<AwsSession> | null = null
  private lastIdentity: string | null = null

  constructor(private readonly options: AwsDoorOptions) {}

  /** Loads the AWS code and starts the session while the user is still choosing a photo. */
  warmUp(): void {
    this.open().catch(() => undefined)
  }

  /** The guest identity of the current session, once there is one. */
  get identityId(): string | null {
    return this.session?.identityId ?? null
  }

  uploadPhoto(input: UploadInput): Promise<string> {
    return this.call((aws, session) => aws.uploadPhoto(session, input))
  }

  detectLabels(
    photoKey: string,
    settings: DetectionSettings,
    signal?: AbortSignal,
  ): Promise<DetectLabelsAnswer> {
    return this.call((aws, session) => aws.detectLabels(session, photoKey, settings, signal))
  }

  listPhotos(): Promise<MyPhotosEntry[]> {
    return this.call((aws, session) => aws.listMyPhotos(session))
  }

  getPhoto(photoKey: string): Promise<Uint8Array> {
    return this.call((aws, session) => aws.getPhotoBytes(session, photoKey))
  }

  getThumbnail(photoKey: string): Promise<Thumbnail> {
    return this.call((aws, session) => aws.getThumbnail(session, photoKey))
  }

  putThumbnail(photoKey: string, bytes: Uint8Array, originalName: string): Promise<void> {
    return this.call((aws, session) => aws.putThumbnail(session, photoKey, bytes, originalName))
  }

  readAnalysis(photoKey: string): Promise<SavedVersion | null> {
    return this.call((aws, session) => aws.readAnalysis(session, photoKey))
  }

  /** Rejects with SaveConflictError (not an AppError) when another writer was first. */
  writeAnalysis(
    photoKey: string,
    document: AnalysisDocument,
    etag: string | null,
  ): Promise<string> {
    return this.call((aws, session) => aws.writeAnalysis(session, photoKey, document, etag))
  }

  deletePhoto(photoKey: string): Promise<string[]> {
    return this.call((aws, session) => aws.deletePhoto(session, photoKey))
  }

  /** Drops the session: the next call asks Cognito for fresh credentials. */
  reset(): void {
    this.session?.destroy()
    this.session = null
  }

  /** Adds what only the door knows: how long this site's pauses last. */
  private explain(failure: AppError): AppError {
    if (failure.code !== 'guests-paused') return failure
    return guestsPausedError(this.options.config.guestPauseHours ?? null, failure.detail)
  }

  private loadModule(): Promise<AwsModule> {
    this.module ??= (this.options.loadAws ?? (() => import('../aws')))().catch((error: unknown) => {
      // A chunk that failed to load (offline) may load on the next try.
      this.module = null
      throw appError('app-load-failed', String(error))
    })
    return this.module
  }

  private async startSession(aws: AwsModule): Promise<AwsSession> {
    try {
      const session = await aws.createAwsSession(this.options.config, {
        onIdentityChange: (previous, next) => {
          this.lastIdentity = next
          this.options.onIdentity?.(next, previous)
          // Keys are made under the identity read at start: a new session uses the new one.
          this.reset()
        },
      })
      this.options.onIdentity?.(session.identityId, this.lastIdentity)
      this.lastIdentity = session.identityId
      this.session = session
      return session
    } catch (error) {
      const failure = this.explain(aws.toAppError(error))
      // A session that would not start for a reason nobody named is a credentials failure.
      throw failure.code === 'unknown' ? appError('credentials-failed', failure.detail) : failure
    }
  }

  private async open(): Promise<{ aws: AwsModule; session: AwsSession }> {
    const aws = await this.loadModule()
    if (this.session) return { aws, session: this.session }
    this.starting ??= this.startSession(aws).finally(() => {
      this.starting = null
    })
    return { aws, session: await this.starting }
  }

  private async call<T>(work: (aws: AwsModule, session: AwsSession) => Promise<T>): Promise<T> {
    const { aws, session } = await this.open()
    try {
      return await work(aws, session)
    } catch (error) {
      const failure = toDoorError(aws, error)
      if (!isAppError(failure)) throw failure
      if (failure.code === 'credentials-expired') this.reset()
      throw this.explain(failure)
    }
  }
}

/** AppErrors for the user; save conflicts and damaged documents keep their own types. */
function toDoorError(aws: AwsModule, error: unknown): AppError | Error {
  if (
    error instanceof Error &&
    (error.name === 'SaveConflictError' || error.name === 'DocumentError')
  )
    return error
  return aws.toAppError(error)
}
