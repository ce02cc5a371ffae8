// The one AWS door with the AWS module replaced (mocked SDK): it loads the module once, starts
// one session for concurrent callers, asks for a new session after credentials expired, reports
// identity changes, and hands every failure on as an AppError (save conflicts keep their type).
import { describe, expect, it } from 'vitest'
import type * as AwsModule from '../../../src/aws'
import { appError, isAppError, mapFailedCall } from '../../../src/lib/app-errors'
import { SaveConflictError } from '../../../src/lib/autosave'
import { AwsDoor } from '../../../src/services/aws-door'

type Aws = typeof AwsModule

const config = {
  region: 'us-east-1',
  identityPoolId: 'us-east-1:pool',
  imagesBucket: 'images',
  endpoint: 'http://127.0.0.1:1',
}

function fakeAws(script: { failUploads?: Error[]; identities?: string[] } = {}) {
  const log = { sessions: 0, destroyed: 0, loads: 0 }
  const failures: Error[] = [...(script.failUploads ?? [])]
  const identities = [...(script.identities ?? ['guest-1'])]
  const aws = {
    createAwsSession: (
      _config: unknown,
      options: { onIdentityChange?: (a: string, b: string) => void },
    ) => {
      log.sessions += 1
      const identityId = identities.shift() ?? 'guest-1'
      return Promise.resolve({
        identityId,
        destroy: () => {
          log.destroyed += 1
        },
        changeIdentity: (next: string) => options.onIdentityChange?.(identityId, next),
      })
    },
    uploadPhoto: (session: { identityId: string }) => {
      const failure = failures.shift()
      return failure ? Promise.reject(failure) : Promise.resolve(`u/${session.identityId}/p.jpg`)
    },
    toAppError: (error: unknown) =>
      isAppError(error)
        ? error
        : mapFailedCall({ name: (error as Error).name, message: String(error), online: true }),
  }
  const loadAws = () => {
    log.loads += 1
    return Promise.resolve(aws as unknown as Aws)
  }
  return { log, loadAws }
}

const upload = (door: AwsDoor) => door.uploadPhoto({ bytes: new Uint8Array(1), fileName: 'a.jpg' })

describe('AWS door (mocked SDK)', () => {
  it('loads the AWS module once and starts one session for callers that arrive together', async () => {
    const { log, loadAws } = fakeAws()
    const door = new AwsDoor({ config, loadAws })
    const keys = await Promise.all([upload(door), upload(door), upload(door)])
    expect(keys).toEqual(['u/guest-1/p.jpg', 'u/guest-1/p.jpg', 'u/guest-1/p.jpg'])
    expect(log.loads).toBe(1)
    expect(log.sessions).toBe(1)
  })

  it('asks for a new session after the credentials expired', async () => {
    const expired = Object.assign(new Error('expired'), { name: 'ExpiredToken' })
    const { log, loadAws } = fakeAws({ failUploads: [expired], identities: ['guest-1', 'guest-1'] })
    const door = new AwsDoor({ config, loadAws })
    const failure = await upload(door).catch((error: unknown) => error)
    expect(isAppError(failure) && failure.code).toBe('credentials-expired')
    expect(log.destroyed).toBe(1)
    await expect(upload(door)).resolves.toBe('u/guest-1/p.jpg')
    expect(log.sessions).toBe(2)
  })

  it('keeps a save conflict as it is, for the autosaver to merge', async () => {
    const { loadAws } = fakeAws({ failUploads: [new SaveConflictError('412')] })
    const door = new AwsDoor({ config, loadAws })
    await expect(upload(door)).rejects.toBeInstanceOf(SaveConflictError)
  })

  it('turns other failures into AppErrors with what to do', async () => {
    const throttled = Object.assign(new Error('slow down'), { name: 'ThrottlingException' })
    const { loadAws } = fakeAws({ failUploads: [throttled] })
    const failure = await upload(new AwsDoor({ config, loadAws })).catch((error: unknown) => error)
    expect(isAppError(failure) && failure.code).toBe('throttled')
  })

  it('reports the identity of each session and a change of identity', async () => {
    const { loadAws } = fakeAws({ identities: ['guest-1', 'guest-2'] })
    const seen: [string, string | null][] = []
    const door = new AwsDoor({
      config,
      loadAws,
      onIdentity: (id, before) => seen.push([id, before]),
    })
    await upload(door)
    expect(door.identityId).toBe('guest-1')
    door.reset()
    await upload(door)
    expect(seen).toEqual([
      ['guest-1', null],
      ['guest-2', 'guest-1'],
    ])
  })

  it('says the app could not load when the AWS code cannot be fetched, and tries again later', async () => {
    let attempts = 0
    const { loadAws } = fakeAws()
    const door = new AwsDoor({
      config,
      loadAws: () => {
        attempts += 1
        return attempts === 1 ? Promise.reject(new TypeError('Failed to fetch')) : loadAws()
      },
    })
    const failure = await upload(door).catch((error: unknown) => error)
    expect(isAppError(failure) && failure.code).toBe('app-load-failed')
    await expect(upload(door)).resolves.toBe('u/guest-1/p.jpg')
  })

  it('maps a failure to start the session to "credentials failed" when nothing better is known', async () => {
    const door = new AwsDoor({
      config,
      loadAws: () =>
        Promise.resolve({
          createAwsSession: () => Promise.reject(new Error('odd')),
          toAppError: () => appError('unknown', 'odd'),
        } as unknown as Aws),
    })
    const failure = await upload(door).catch((error: unknown) => error)
    expect(isAppError(failure) && failure.code).toBe('credentials-failed')
  })

  it('says for how long guests are paused, from the site’s config', async () => {
    const refused = Object.assign(
      new Error('Unauthenticated access is not supported for this identity pool.'),
      { name: 'NotAuthorizedException' },
    )
    const door = new AwsDoor({
      config: { ...config, guestPauseHours: 6 },
      loadAws: () =>
        Promise.resolve({
          createAwsSession: () => Promise.reject(refused),
          toAppError: (error: unknown) =>
            mapFailedCall({
              name: (error as Error).name,
              message: (error as Error).message,
              online: true,
            }),
        } as unknown as Aws),
    })
    const failure = await upload(door).catch((error: unknown) => error)
    expect(isAppError(failure) && failure.code).toBe('guests-paused')
    expect(isAppError(failure) && failure.action).toMatch(/within 6 hours/)
  })
})
