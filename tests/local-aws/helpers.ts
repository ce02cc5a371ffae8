// Shared set-up for the local endpoint's tests: a server per test file in a fresh data dir, and
// real SDK clients pointed at it.
import { randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { RekognitionClient } from '@aws-sdk/client-rekognition'
import { S3Client } from '@aws-sdk/client-s3'
import { fromCognitoIdentityPool } from '@aws-sdk/credential-provider-cognito-identity'
import { SignatureV4 } from '@smithy/signature-v4'
import type { AwsCredentialIdentity } from '@smithy/types'
import { startLocalAws, type LocalAws, type LocalAwsOptions } from '../../local-aws/server.ts'
import type {
  CheckedImage,
  DetectLabelsParams,
  LabelDetector,
} from '../../local-aws/label-detector.ts'
import { NodeSha256 } from '../../local-aws/sha256.ts'

export interface TestEndpoint {
  aws: LocalAws
  dataDir: string
  logs: string[]
  stop(): Promise<void>
}

export async function startTestEndpoint(
  options: Omit<LocalAwsOptions, 'dataDir'> & { dataDir?: string } = {},
): Promise<TestEndpoint> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'local-aws-test-')))
  const logs: string[] = []
  const aws = await startLocalAws({ ...options, dataDir, log: (line) => logs.push(line) })
  return {
    aws,
    dataDir,
    logs,
    async stop() {
      await aws.close()
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true })
    },
  }
}

/**
 * A stand-in detector for tests of the request path only (auth, validation, queueing): it
 * reports the size of what it was given and the parameters it received.
 */
export function fakeDetector(delayMs = 0): LabelDetector & { calls: DetectLabelsParams[] } {
  const calls: DetectLabelsParams[] = []
  return {
    modelVersion: 'fake-1.0',
    calls,
    async detectLabels(image: Uint8Array | CheckedImage, params: DetectLabelsParams) {
      calls.push(params)
      if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs))
      return {
        Labels: [
          {
            Name: 'FakeLabel',
            Confidence: 99,
            Instances: [],
            Parents: [],
            Aliases: [],
            Categories: [],
          },
        ],
        LabelModelVersion: 'fake-1.0',
        FakeImageBytes: image instanceof Uint8Array ? image.byteLength : image.bytes.byteLength,
      }
    },
  }
}

export interface Guest {
  identityId: string
  credentials: AwsCredentialIdentity
  s3: S3Client
  rekognition: RekognitionClient
}

/** A guest as the app makes one: an identity from the pool, then its temporary credentials. */
export async function newGuest(aws: LocalAws): Promise<Guest> {
  const { region, endpoint, identityPoolId } = aws.config
  // The SDK caches one identity per pool and user: a distinct user makes a distinct guest.
  const provider = fromCognitoIdentityPool({
    identityPoolId,
    userIdentifier: randomUUID(),
    clientConfig: { region, endpoint },
  })
  const credentials = await provider()
  return {
    identityId: credentials.identityId,
    credentials,
    s3: new S3Client({ region, endpoint, forcePathStyle: true, credentials }),
    rekognition: new RekognitionClient({ region, endpoint, credentials, maxAttempts: 1 }),
  }
}

export function adminS3(aws: LocalAws): S3Client {
  const { region, endpoint } = aws.config
  return new S3Client({ region, endpoint, forcePathStyle: true, credentials: aws.adminCredentials })
}

export interface RawRequest {
  url: string
  method: string
  headers: Record<string, string>
  body?: Uint8Array | string
}

/**
 * Signs a request by hand with the SDK's signer, so that tests can change it after signing
 * the way an attacker would, then send it with `sendRaw`.
 */
export async function signRaw(options: {
  endpoint: string
  method: string
  /** Already percent-encoded, as on the wire. */
  path: string
  headers?: Record<string, string>
  body?: Uint8Array | string
  credentials: AwsCredentialIdentity
  service: 's3' | 'rekognition'
  signingDate?: Date
}): Promise<RawRequest> {
  const url = new URL(options.path, options.endpoint)
  const signer = new SignatureV4({
    credentials: options.credentials,
    region: 'us-east-1',
    service: options.service,
    sha256: NodeSha256,
    uriEscapePath: options.service !== 's3',
  })
  const query: Record<string, string> = {}
  url.searchParams.forEach((value, key) => (query[key] = value))
  const signed = await signer.sign(
    {
      method: options.method,
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path: url.pathname,
      query,
      headers: { host: url.host, ...options.headers },
      body: options.body,
    },
    { signingDate: options.signingDate ?? new Date() },
  )
  return {
    url: url.toString(),
    method: options.method,
    headers: signed.headers,
    body: options.body,
  }
}

export async function sendRaw(
  request: RawRequest,
): Promise<{ status: number; code: string | undefined; headers: Headers; text: string }> {
  const headers = { ...request.headers }
  delete headers.host
  const response = await fetch(request.url, {
    method: request.method,
    headers,
    ...(request.body !== undefined
      ? { body: typeof request.body === 'string' ? request.body : new Uint8Array(request.body) }
      : {}),
  })
  const text = await response.text()
  const code =
    /<Code>([^<]+)<\/Code>/.exec(text)?.[1] ??
    (text.startsWith('{') ? (JSON.parse(text) as { __type?: string }).__type : undefined)
  return { status: response.status, code, headers: response.headers, text }
}

/** The error name an SDK call fails with (AWS error code), or 'no error'. */
export async function errorName(call: Promise<unknown>): Promise<string> {
  try {
    await call
    return 'no error'
  } catch (error) {
    return error instanceof Error ? error.name : String(error)
  }
}
