import { describe, expect, it } from 'vitest'
import { appError, guestsPausedError, isAppError, mapFailedCall } from '../../src/lib/app-errors'

const call = (
  name: string,
  extra: { message?: string; httpStatus?: number; online?: boolean } = {},
) =>
  mapFailedCall({
    name,
    message: extra.message ?? '',
    httpStatus: extra.httpStatus,
    online: extra.online ?? true,
  })

describe('mapFailedCall', () => {
  it.each([
    ['ThrottlingException', 'throttled'],
    ['ProvisionedThroughputExceededException', 'throttled'],
    ['AccessDeniedException', 'access-denied'],
    ['AccessDenied', 'access-denied'],
    ['ExpiredTokenException', 'credentials-expired'],
    ['ExpiredToken', 'credentials-expired'],
    ['InvalidImageFormatException', 'invalid-image'],
    ['ImageTooLargeException', 'image-too-large'],
    ['InvalidS3ObjectException', 'photo-not-found'],
    ['InternalServerError', 'service-error'],
    ['AbortError', 'cancelled'],
  ])('maps %s to %s', (name, code) => {
    expect(call(name).code).toBe(code)
  })

  it('tells offline apart from an endpoint that does not answer', () => {
    expect(call('TypeError', { message: 'Failed to fetch', online: false }).code).toBe('offline')
    expect(call('TypeError', { message: 'Failed to fetch', online: true }).code).toBe(
      'endpoint-down',
    )
    expect(call('Error', { message: 'XHR_HTTP_HANDLER_ERROR: [object ProgressEvent]' }).code).toBe(
      'endpoint-down',
    )
  })

  it('falls back on the HTTP status for unnamed errors', () => {
    expect(call('UnknownError', { httpStatus: 403 }).code).toBe('access-denied')
    expect(call('UnknownError', { httpStatus: 503 }).code).toBe('service-error')
    expect(call('UnknownError', { httpStatus: 400 }).code).toBe('unknown')
  })

  it('says what happened and what to do, and keeps the technical detail', () => {
    const error = call('ThrottlingException', { message: 'Rate exceeded' })
    expect(error.title).toMatch(/busy/)
    expect(error.action).toMatch(/Retry/)
    expect(error.retryable).toBe(true)
    expect(error.detail).toBe('ThrottlingException: Rate exceeded')
  })
})

describe('appError', () => {
  it('explains how to set the app up when config.json is missing', () => {
    const error = appError('config-missing')
    expect(error.action).toContain('npm ci && npm start')
    expect(error.action).toContain('npm run deploy')
    expect(isAppError(error)).toBe(true)
    expect(isAppError(new Error('x'))).toBe(false)
  })
})

describe('guests paused by the daily cap', () => {
  const paused = 'Unauthenticated access is not supported for this identity pool.'

  it('tells a paused pool apart from other refusals by Cognito’s message', () => {
    expect(call('NotAuthorizedException', { message: paused }).code).toBe('guests-paused')
    expect(call('NotAuthorizedException', { message: 'Invalid login token.' }).code).toBe(
      'credentials-failed',
    )
  })

  it('says labelling is paused, that photos are safe, and when to come back', () => {
    const general = call('NotAuthorizedException', { message: paused })
    expect(general.title).toMatch(/paused .* daily limit/)
    expect(general.title).toMatch(/photos are safe/)
    expect(general.retryable).toBe(true)
    expect(guestsPausedError(24).action).toMatch(/^Try again within 24 hours/)
    expect(guestsPausedError(1).action).toMatch(/^Try again within 1 hour:/)
    expect(guestsPausedError(null).action).toBe(general.action)
  })
})
