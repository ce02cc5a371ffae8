// config.json: written at deploy time (or by `npm start`), read by the app at startup.

export interface RuntimeConfig {
  region: string
  identityPoolId: string
  imagesBucket: string
  /** Set for the local endpoint; absent in production, where the SDK picks AWS endpoints. */
  endpoint?: string
  /** Days after which the stack deletes guests' uploads; absent where nothing expires. */
  uploadRetentionDays?: number
  /** Hours guests stay paused once the owner's daily cap is reached; absent without a cap. */
  guestPauseHours?: number
  /**
   * Who labels the photos: `local` is the local endpoint's COCO detector (`npm start` writes it);
   * absent means Amazon Rekognition. See `detectorOf`.
   */
  detector?: 'local'
}

export type DetectorKind = 'local' | 'rekognition'

/**
 * Which detector answers. A config from an older local endpoint has no `detector` field but an
 * `endpoint`, and only the local endpoint sets one, so that counts as local too.
 */
export function detectorOf(config: RuntimeConfig): DetectorKind {
  return config.detector === 'local' || config.endpoint !== undefined ? 'local' : 'rekognition'
}

export type ConfigCheck = { ok: true; config: RuntimeConfig } | { ok: false; problems: string[] }

const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/
const POOL_ID = /^[a-z]{2}(-[a-z]+)+-\d:[0-9a-f-]{8,}$/i
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined
}

export function parseRuntimeConfig(raw: unknown): ConfigCheck {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, problems: ['config.json is not a JSON object'] }
  }
  const record = raw as Record<string, unknown>
  const region = text(record.region)
  const identityPoolId = text(record.identityPoolId)
  const imagesBucket = text(record.imagesBucket)
  const endpoint = text(record.endpoint)
  const retention = record.uploadRetentionDays
  const pauseHours = record.guestPauseHours
  const detector = record.detector
  const problems: string[] = []
  if (!region || !REGION.test(region)) problems.push('region is missing or not an AWS region name')
  if (!identityPoolId || !POOL_ID.test(identityPoolId))
    problems.push('identityPoolId is missing or not an identity pool id')
  if (!imagesBucket || !BUCKET.test(imagesBucket))
    problems.push('imagesBucket is missing or not a bucket name')
  if (endpoint !== undefined && !/^https?:\/\/[^\s/]+/.test(endpoint))
    problems.push('endpoint is not an http(s) URL')
  const retentionOk =
    retention === undefined ||
    (typeof retention === 'number' && Number.isInteger(retention) && retention > 0)
  if (!retentionOk) problems.push('uploadRetentionDays is not a whole number of days')
  const pauseOk =
    pauseHours === undefined ||
    (typeof pauseHours === 'number' && Number.isInteger(pauseHours) && pauseHours > 0)
  if (!pauseOk) problems.push('guestPauseHours is not a whole number of hours')
  if (detector !== undefined && detector !== 'local') problems.push('detector is not "local"')
  if (problems.length > 0 || !region || !identityPoolId || !imagesBucket)
    return { ok: false, problems }
  const config: RuntimeConfig = { region, identityPoolId, imagesBucket }
  if (endpoint) config.endpoint = endpoint.replace(/\/+$/, '')
  if (typeof retention === 'number') config.uploadRetentionDays = retention
  if (typeof pauseHours === 'number') config.guestPauseHours = pauseHours
  if (detector === 'local') config.detector = 'local'
  return { ok: true, config }
}
