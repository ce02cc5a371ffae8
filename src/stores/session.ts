// Runtime configuration and the guest AWS session built from it.
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { appError, isAppError, type AppError } from '../lib/app-errors'
import { parseRuntimeConfig, type RuntimeConfig } from '../lib/runtime-config'
import type { AwsSession } from '../aws'

export type ConfigStatus = 'loading' | 'ready' | 'missing' | 'invalid'

const identityStorageKey = (poolId: string) => `image-labels:identity:${poolId}`

/** The AWS layer is loaded on first use, after the first paint. */
export function loadAws() {
  return import('../aws')
}

export const useSessionStore = defineStore('session', () => {
  const status = ref<ConfigStatus>('loading')
  const config = ref<RuntimeConfig | null>(null)
  const problems = ref<string[]>([])
  const identityId = ref<string | null>(null)
  /** Set when this browser now has another guest identity than before. */
  const identityNotice = ref<string | null>(null)
  // Not reactive: SDK clients are large class instances the UI never reads.
  let session: AwsSession | null = null
  let starting: Promise<AwsSession> | null = null

  async function loadConfig(fetchConfig: typeof fetch = fetch) {
    status.value = 'loading'
    try {
      const response = await fetchConfig(`${import.meta.env.BASE_URL}config.json`, {
        cache: 'no-store',
      })
      if (!response.ok) {
        status.value = 'missing'
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

  function noteIdentity(next: string, previous: string | null) {
    if (previous && previous !== next) {
      identityNotice.value =
        'This browser got a new guest identity, so photos uploaded earlier from it can no longer be reached. New photos work as usual.'
    }
    identityId.value = next
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

  async function start(current: RuntimeConfig): Promise<AwsSession> {
    const aws = await loadAws()
    try {
      const created = await aws.createAwsSession(current, {
        onIdentityChange: (previous, next) => {
          noteIdentity(next, previous)
          rememberIdentity(current.identityPoolId, next)
          // Keys are made under the identity read at start: a new session uses the new one.
          resetSession()
        },
      })
      noteIdentity(created.identityId, rememberedIdentity(current.identityPoolId))
      rememberIdentity(current.identityPoolId, created.identityId)
      session = created
      return created
    } catch (error) {
      const mapped = aws.toAppError(error)
      throw mapped.code === 'unknown' ? appError('credentials-failed', mapped.detail) : mapped
    }
  }

  /** The session, started on first use; rejects with an AppError. */
  async function ensureSession(): Promise<AwsSession> {
    if (session) return session
    const current = config.value
    if (!current) throw appError('config-missing')
    starting ??= start(current).finally(() => {
      starting = null
    })
    try {
      return await starting
    } catch (error) {
      throw isAppError(error) ? error : appError('credentials-failed', String(error))
    }
  }

  /** Drops the clients so the next call asks for fresh credentials. */
  function resetSession() {
    session?.destroy()
    session = null
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
    ensureSession,
    resetSession,
    dismissIdentityNotice,
  }
})

export type { AppError }
