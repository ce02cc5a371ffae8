// Guest credentials from the Cognito identity pool, shared by the S3 and Rekognition clients.
import { fromCognitoIdentityPool } from '@aws-sdk/credential-provider-cognito-identity'
import type { CognitoIdentityCredentials } from '@aws-sdk/credential-provider-cognito-identity'
import { RekognitionClient } from '@aws-sdk/client-rekognition'
import { S3Client } from '@aws-sdk/client-s3'
import { XhrHttpHandler } from '@aws-sdk/xhr-http-handler'
import type { RuntimeConfig } from '../lib/runtime-config'

/** Progress events of the XHR handler, typed here: its typings reach for Node's `events`. */
export interface UploadEvents {
  on(event: string, listener: (event: ProgressEvent, request: { path?: string }) => void): void
  off(event: string, listener: (event: ProgressEvent, request: { path?: string }) => void): void
}

export interface AwsSession {
  readonly config: RuntimeConfig
  /** The guest identity the photo keys are made under; read once when the session starts. */
  readonly identityId: string
  readonly s3: S3Client
  readonly rekognition: RekognitionClient
  /** The S3 client's request handler: it reports upload progress in bytes. */
  readonly uploadEvents: UploadEvents
  destroy(): void
}

export interface SessionOptions {
  /** Called when the provider hands out credentials for another identity than before. */
  onIdentityChange?: (previous: string, next: string) => void
}

/**
 * XMLHttpRequest reports a refused connection as a finished request with status 0, and the XHR
 * handler resolves with it before its error event: the SDK would take a PUT that never arrived
 * for a success. A status-0 response is a network failure.
 */
class XhrHandlerWithNetworkErrors extends XhrHttpHandler {
  override async handle(...args: Parameters<XhrHttpHandler['handle']>) {
    const result = await super.handle(...args)
    if (result.response.statusCode === 0) {
      throw new Error('XHR_HTTP_HANDLER_ERROR: the request got no response (network error)')
    }
    return result
  }
}

/** Credentials are refreshed this long before they expire, so a request never carries stale ones. */
const REFRESH_MARGIN_MS = 5 * 60_000

export async function createAwsSession(
  config: RuntimeConfig,
  options: SessionOptions = {},
): Promise<AwsSession> {
  const clientConfig = config.endpoint
    ? { region: config.region, endpoint: config.endpoint }
    : { region: config.region }
  const provider = fromCognitoIdentityPool({ identityPoolId: config.identityPoolId, clientConfig })

  let current: CognitoIdentityCredentials | undefined
  let pending: Promise<CognitoIdentityCredentials> | undefined
  let identityId = ''
  const credentials = (): Promise<CognitoIdentityCredentials> => {
    const expiresAt = current?.expiration?.getTime() ?? Number.POSITIVE_INFINITY
    if (current && expiresAt - Date.now() > REFRESH_MARGIN_MS) return Promise.resolve(current)
    pending ??= provider()
      .then((fresh) => {
        if (identityId && fresh.identityId !== identityId)
          options.onIdentityChange?.(identityId, fresh.identityId)
        current = fresh
        return fresh
      })
      .finally(() => {
        pending = undefined
      })
    return pending
  }
  identityId = (await credentials()).identityId

  const uploadHandler = new XhrHandlerWithNetworkErrors({ requestTimeout: 120_000 })
  const s3 = new S3Client({
    ...clientConfig,
    credentials,
    forcePathStyle: Boolean(config.endpoint),
    requestHandler: uploadHandler,
    // The default CRC32 on uploads breaks browser bodies and is not needed for a PUT we hash.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  })
  const rekognition = new RekognitionClient({ ...clientConfig, credentials })
  return {
    config,
    identityId,
    s3,
    rekognition,
    uploadEvents: uploadHandler as unknown as UploadEvents,
    destroy() {
      s3.destroy()
      rekognition.destroy()
    },
  }
}
