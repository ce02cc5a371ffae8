// Runtime configuration, the guest identity it gives this browser, and the one door to AWS
// built from it (services/aws-door.ts): every other store reaches AWS through `door()`.
// The door's code loads on first use, after first paint: the start screen needs only the config.
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { AppError } from '../lib/app-errors'
import type { RuntimeConfig } from '../lib/runtime-config'
import type { AwsDoor } from '../services/aws-door'

/**
 * `device-only`: no config.json here (the app hosted as a plain static site), so photos are
 * labelled on this device and stay on it. `missing`: it could not be read for another reason.
 */
export type ConfigStatus = 'loading' | 'ready' | 'device-only' | 'missing' | 'invalid'

/** Answers a static host gives for a file that is not there (S3 behind CloudFront says 403). */
const ABSENT_STATUSES = [403, 404, 410]

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
    // Its checks load while config.json does: the first paint needs neither.
    const checks = import('../lib/runtime-config')
    // A failed load is reported where the checks are used, not as an unhandled rejection.
    checks.catch(() => undefined)
    try {
      const response = await fetchConfig(`${import.meta.env.BASE_URL}config.json`, {
        cache: 'no-store',
      })
      if (!response.ok) {
        status.value = ABSENT_STATUSES.includes(response.status) ? 'device-only' : 'missing'
        problems.value = [`config.json answered ${response.status}`]
        return
      }
      const body: unknown = await response.json()
      const parsed = (await checks).parseRuntimeConfig(body)
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
    const { openGuestDoor } = await import('../services/guest-door')
    return openGuestDoor(current, (next, notice) => {
      if (notice) identityNotice.value = notice
      identityId.value = next
    })
  }

  /** The door when the app has AWS config; null when photos stay on this device. */
  async function storageDoor(): Promise<AwsDoor | null> {
    return status.value === 'device-only' ? null : door()
  }

  /** Loads the AWS code and gets guest credentials before the first photo needs them. */
  function warmUp() {
    if (status.value === 'ready')
      void door().then(
        (ready) => ready.warmUp(),
        () => undefined,
      )
  }

  function dismissIdentityNotice() {
    identityNotice.value = null
  }

  return {
    status,
    config,
    problems,
    identityId,
    identityNotice,
    loadConfig,
    door,
    storageDoor,
    warmUp,
    dismissIdentityNotice,
  }
})

export type { AppError }
