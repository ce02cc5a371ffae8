// The door to AWS for this site's guest, built from config.json, and the guest identity this
// browser had on earlier visits, so the user hears when it changed: photos uploaded under the
// old one can no longer be reached. Loaded on first use (stores/session.ts), after first paint.
import { appError } from '../lib/app-errors'
import type { RuntimeConfig } from '../lib/runtime-config'
import { AwsDoor } from './aws-door'

const identityStorageKey = (poolId: string) => `image-labels:identity:${poolId}`

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

/**
 * Records `next` as this browser's identity in the pool; returns the notice for the user when it
 * replaces another (`previous` in this visit, or the one remembered from an earlier visit).
 */
function noteGuestIdentity(poolId: string, next: string, previous: string | null): string | null {
  const before = previous ?? rememberedIdentity(poolId)
  rememberIdentity(poolId, next)
  return before && before !== next
    ? 'This browser got a new guest identity, so photos uploaded earlier from it can no longer be reached. New photos work as usual.'
    : null
}

/**
 * The door for `config`; throws an AppError without one. `onIdentity` hears each identity the
 * guest gets, with the notice for the user when it replaced another.
 */
export function openGuestDoor(
  config: RuntimeConfig | null,
  onIdentity: (identityId: string, notice: string | null) => void,
): AwsDoor {
  if (!config) throw appError('config-missing')
  return new AwsDoor({
    config,
    onIdentity: (next, previous) =>
      onIdentity(next, noteGuestIdentity(config.identityPoolId, next, previous)),
  })
}
