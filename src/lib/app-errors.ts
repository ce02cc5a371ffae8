// Every failure the user can meet, as what happened and what to do about it.

export type AppErrorCode =
  | 'config-missing'
  | 'config-invalid'
  | 'credentials-expired'
  | 'credentials-failed'
  | 'guests-paused'
  | 'throttled'
  | 'access-denied'
  | 'offline'
  | 'endpoint-down'
  | 'invalid-image'
  | 'image-too-large'
  | 'not-decodable'
  | 'heic-unsupported'
  | 'too-small'
  | 'not-an-image'
  | 'photo-not-found'
  | 'service-error'
  | 'cancelled'
  | 'app-load-failed'
  | 'device-detection-failed'
  | 'unknown'

/** A failure as the user sees it. An Error, so it can be thrown and keeps a stack. */
export class AppError extends Error {
  override readonly name = 'AppError'
  constructor(
    readonly code: AppErrorCode,
    /** What happened, in the user's words. */
    readonly title: string,
    /** What to do about it. */
    readonly action: string,
    /** Whether trying the same step again can succeed. */
    readonly retryable: boolean,
    /** The technical detail (error name and message), for people reporting a problem. */
    readonly detail: string,
  ) {
    super(title)
  }
}

const messages: Record<AppErrorCode, { title: string; action: string; retryable: boolean }> = {
  'config-missing': {
    title: 'This copy of Image Labels is not set up yet: there is no config.json.',
    action:
      'Start it locally with "npm ci && npm start", or deploy it with "npm run deploy -- --stack-name NAME --region REGION".',
    retryable: false,
  },
  'config-invalid': {
    title: 'The settings file config.json is incomplete or damaged.',
    action:
      'Deploy again with "npm run deploy", or restart locally with "npm start"; it needs region, identityPoolId and imagesBucket.',
    retryable: false,
  },
  'credentials-expired': {
    title: 'Your guest access expired.',
    action: 'Press Retry: the app asks for new access and keeps your photo.',
    retryable: true,
  },
  'guests-paused': {
    title:
      'Labelling is paused on this site: its owner’s daily limit was reached. Your photos are safe.',
    action:
      'Try again later: the pause ends by itself. My photos stays open while your current access lasts (up to an hour).',
    retryable: true,
  },
  'credentials-failed': {
    title: 'The app could not get guest access to AWS.',
    action:
      'Check your connection and press Retry. If it keeps failing, the identity pool may have been removed: deploy again.',
    retryable: true,
  },
  throttled: {
    title: 'The labelling service is busy and turned the request away, even after several tries.',
    action: 'Wait a few seconds, then press Retry.',
    retryable: true,
  },
  'access-denied': {
    title: 'AWS refused access to this photo or to label detection.',
    action: 'The stack’s permissions may be out of date: deploy it again, then press Retry.',
    retryable: true,
  },
  offline: {
    title: 'You are offline.',
    action: 'Reconnect to the internet, then press Retry. Your photo is kept.',
    retryable: true,
  },
  'endpoint-down': {
    title: 'The labelling service could not be reached.',
    action:
      'If you run it locally, check that "npm start" is still running; otherwise check your connection. Then press Retry.',
    retryable: true,
  },
  'invalid-image': {
    title: 'The labelling service could not read this photo.',
    action: 'Try another photo, or save this one again as JPEG or PNG.',
    retryable: false,
  },
  'image-too-large': {
    title: 'The photo is too large for the labelling service.',
    action: 'Lower "Largest side" in Settings, then press Retry.',
    retryable: true,
  },
  'not-decodable': {
    title: 'This file is not a photo this browser can open.',
    action: 'Choose a JPEG, PNG, WebP or GIF image.',
    retryable: false,
  },
  'heic-unsupported': {
    title: 'This browser cannot open HEIC photos.',
    action:
      'Open the app in Safari, or set your iPhone camera to “Most Compatible” (Settings › Camera › Formats), or export the photo as JPEG.',
    retryable: false,
  },
  'too-small': {
    title: 'This image is too small: Rekognition needs at least 80 pixels on each side.',
    action: 'Choose a larger photo.',
    retryable: false,
  },
  'not-an-image': {
    title: 'That file is not an image.',
    action: 'Choose a photo (JPEG, PNG, WebP or GIF).',
    retryable: false,
  },
  'photo-not-found': {
    title: 'The uploaded photo is no longer in the bucket.',
    action: 'Press Retry to upload it again.',
    retryable: true,
  },
  'service-error': {
    title: 'The labelling service had an internal problem.',
    action: 'Press Retry in a moment.',
    retryable: true,
  },
  cancelled: {
    title: 'Upload cancelled.',
    action: 'Press Retry to upload the same photo again, or choose another.',
    retryable: true,
  },
  'app-load-failed': {
    title: 'Part of the app could not be loaded.',
    action:
      'Press Retry. If it keeps failing, reload the page: the site may have just been updated.',
    retryable: true,
  },
  'device-detection-failed': {
    title: 'Labelling on this device failed.',
    action: 'Press Retry, or choose Amazon Rekognition under Detection in Settings.',
    retryable: true,
  },
  unknown: {
    title: 'Something went wrong.',
    action: 'Press Retry. If it keeps failing, reload the page.',
    retryable: true,
  },
}

export function appError(code: AppErrorCode, detail = ''): AppError {
  const { title, action, retryable } = messages[code]
  return new AppError(code, title, action, retryable, detail)
}

/** What the AWS layer knows about a failed call, taken off the SDK's error. */
export interface FailedCall {
  /** The service's error code, e.g. "ThrottlingException", or the JS error name. */
  name: string
  message: string
  httpStatus?: number
  /** Whether the browser believes it is online (navigator.onLine). */
  online: boolean
}

const byName: Record<string, AppErrorCode> = {
  ExpiredToken: 'credentials-expired',
  ExpiredTokenException: 'credentials-expired',
  TokenRefreshRequired: 'credentials-expired',
  InvalidAccessKeyId: 'credentials-expired',
  InvalidToken: 'credentials-expired',
  UnrecognizedClientException: 'credentials-expired',
  NotAuthorizedException: 'credentials-failed',
  ResourceNotFoundException: 'credentials-failed',
  ThrottlingException: 'throttled',
  ProvisionedThroughputExceededException: 'throttled',
  TooManyRequestsException: 'throttled',
  LimitExceededException: 'throttled',
  SlowDown: 'throttled',
  AccessDenied: 'access-denied',
  AccessDeniedException: 'access-denied',
  InvalidImageFormatException: 'invalid-image',
  ImageTooLargeException: 'image-too-large',
  EntityTooLarge: 'image-too-large',
  InvalidS3ObjectException: 'photo-not-found',
  NoSuchKey: 'photo-not-found',
  InternalServerError: 'service-error',
  InternalError: 'service-error',
  ServiceUnavailable: 'service-error',
  AbortError: 'cancelled',
}

function looksLikeNetworkFailure(call: FailedCall): boolean {
  return (
    call.name === 'TypeError' ||
    call.name === 'NetworkError' ||
    call.name === 'TimeoutError' ||
    /XHR_HTTP_HANDLER_ERROR|Failed to fetch|NetworkError|Load failed|network|timed out/i.test(
      call.message,
    )
  )
}

/**
 * Cognito's answer to a guest of a pool with guest access switched off, as the daily cap's
 * function does: the same error type as other refusals, told apart by its message.
 */
const GUESTS_PAUSED = /Unauthenticated access is not supported for this identity pool/i

export function mapFailedCall(call: FailedCall): AppError {
  const detail = call.message ? `${call.name}: ${call.message}` : call.name
  if (call.name === 'NotAuthorizedException' && GUESTS_PAUSED.test(call.message))
    return appError('guests-paused', detail)
  const code = byName[call.name]
  if (code) return appError(code, detail)
  if (looksLikeNetworkFailure(call))
    return appError(call.online ? 'endpoint-down' : 'offline', detail)
  if (call.httpStatus === 403) return appError('access-denied', detail)
  if (call.httpStatus === 429) return appError('throttled', detail)
  if (call.httpStatus !== undefined && call.httpStatus >= 500)
    return appError('service-error', detail)
  if (!call.online) return appError('offline', detail)
  return appError('unknown', detail)
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError
}

/** The pause message with when to come back, where the site says how long a pause lasts. */
export function guestsPausedError(pauseHours: number | null, detail = ''): AppError {
  const base = appError('guests-paused', detail)
  if (pauseHours === null) return base
  const hours = pauseHours === 1 ? '1 hour' : `${pauseHours} hours`
  return new AppError(
    'guests-paused',
    base.title,
    `Try again within ${hours}: the pause ends by itself. My photos stays open while your current access lasts (up to an hour).`,
    base.retryable,
    detail,
  )
}

/** Any thrown value as an AppError: an AppError as it is, anything else as "unknown". */
export function asAppError(value: unknown): AppError {
  return isAppError(value) ? value : appError('unknown', String(value))
}
