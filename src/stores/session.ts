// Runtime configuration, the guest identity it gives this browser, and the one door to AWS
// built from it (services/aws-door.ts): every other store reaches AWS through `door()`.
// The door's code loads on first use, after first paint: the start screen needs only the config.
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { AppError } from '../lib/app-errors'
import type { KnownObjectGroup } from '../lib/known-objects-list'
import { parseRuntimeConfig, type RuntimeConfig } from '../lib/runtime-config'
import type { AwsDoor } from '../services/aws-door'

/**
 * `device-only`: no config.json here (the app hosted as a plain static site), so photos are
 * labelled on this device and stay on it. `missing`: it could not be read for another reason.
 */
export type ConfigStatus = 'loading' | 'ready' | 'device-only' | 'missing' | 'invalid'

/** Answers a static host gives for a file that is not there (S3 behind CloudFront says 403). */
const ABSENT_STATUSES = [403, 404, 410]

const identityStorageKey = (poolId: string) => `image-labels:identity:${poolId}`

export const useSessionStore = defineStore('session', () => {
  const status = ref<ConfigStatus>('loading')
  const config = ref<RuntimeConfig | null>(null)
  const problems = ref<string[]>([])
  const identityId = ref<string | null>(null)
  /** Set when this browser now has another guest identity than before. */
  const identityNotice = ref<string | null>(null)
  // Not reactive: the door holds SDK clients, large class instances the UI never reads.
  let awsDoor: Promise<AwsDoor> | null = null

  async function loadConfig(fetchConfig: typeof fetch = fetch) {
    status.value = 'loading'
    awsDoor = null
    try {
      const response = await fetchConfig(`${import.meta.env.BASE_URL}config.json`, {
        cache: 'no-store',
      })
      if (!response.ok) {
        status.value = ABSENT_STATUSES.includes(response.status) ? 'device-only' : 'missing'
        problems.value = [`config.json answered ${response.status}`]
        return
      }
      const parsed = parseRuntimeConfig(await response.json())
      if (parsed.ok) {
        config.value = parsed.config
        problems.value = []
        status.value = 'ready'
      } else {
        problems.value = parsed.problems
        status.value = 'invalid'
      }
    } catch (error) {
      problems.value = [error instanceof Error ? error.message : String(error)]
      status.value = error instanceof SyntaxError ? 'invalid' : 'missing'
    }
  }

  function rememberedIdentity(poolId: string): string | null {
    try {
      return localStorage.getItem(identityStorageKey(poolId))
    } catch {
      return null
    }
  }

  function rememberIdentity(poolId: string, id: string) {
    try {
      localStorage.setItem(identityStorageKey(poolId), id)
    } catch {
      // Without storage the notice cannot span visits; nothing else depends on it.
    }
  }

  function noteIdentity(poolId: string, next: string, previous: string | null) {
    const before = previous ?? rememberedIdentity(poolId)
    if (before && before !== next) {
      identityNotice.value =
        'This browser got a new guest identity, so photos uploaded earlier from it can no longer be reached. New photos work as usual.'
    }
    identityId.value = next
    rememberIdentity(poolId, next)
  }

  /** The door to AWS for this configuration; rejects with an AppError before there is one. */
  function door(): Promise<AwsDoor> {
    awsDoor ??= openDoor().catch((reason: unknown) => {
      // No config yet, or its code failed to load (offline): the next call tries again.
      awsDoor = null
      throw reason
    })
    return awsDoor
  }

  async function openDoor(): Promise<AwsDoor> {
    const current = config.value
    const [{ AwsDoor }, { appError }] = await Promise.all([
      import('../services/aws-door'),
      import('../lib/app-errors'),
    ])
    if (!current) throw appError('config-missing')
    return new AwsDoor({
      config: current,
      onIdentity: (next, previous) => noteIdentity(current.identityPoolId, next, previous),
    })
  }

  /** The door when the app has AWS config; null when photos stay on this device. */
  async function storageDoor(): Promise<AwsDoor | null> {
    return status.value === 'device-only' ? null : door()
  }

  /** Loads the AWS code and gets guest credentials before the first photo needs them. */
  function warmUp() {
    if (status.value === 'ready') void door().then((ready) => ready.warmUp(), () => undefined)
  }

  function dismissIdentityNotice() {
    identityNotice.value = null
  }

  /** What the local endpoint's detector knows, from the local app server; null if unavailable. */
  async function localDetectorObjects(
    fetchList: typeof fetch = fetch,
  ): Promise<KnownObjectGroup[] | null> {
    try {
      const { LOCAL_DETECTOR_OBJECTS_FILE, parseKnownObjects } =
        await import('../lib/known-objects-list')
      const response = await fetchList(`${import.meta.env.BASE_URL}${LOCAL_DETECTOR_OBJECTS_FILE}`)
      return response.ok ? parseKnownObjects(await response.json()) : null
    } catch {
      return null
    }
  }

  return {
    status,
    config,
    problems,
    identityId,
    identityNotice,
    loadConfig,
    localDetectorObjects,
    door,
    storageDoor,
    warmUp,
    dismissIdentityNotice,
  }
})

export type { AppError }
