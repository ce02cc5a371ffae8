// Shared set-up for the local endpoint's tests: a server per test file in a fresh data dir, and
// real SDK clients pointed at it.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { RekognitionClient } from '@aws-sdk/client-rekognition'
import { S3Client } from '@aws-sdk/client-s3'
import { fromCognitoIdentityPool } from '@aws-sdk/credential-provider-cognito-identity'
import type { AwsCredentialIdentity } from '@smithy/types'
import { startLocalAws, type LocalAws, type LocalAwsOptions } from '../../local-aws/server.ts'
import type { DetectLabelsParams, LabelDetector } from '../../local-aws/label-detector.ts'

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
    async detectLabels(image: Uint8Array, params: DetectLabelsParams) {
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
        FakeImageBytes: image.byteLength,
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
  const provider = fromCognitoIdentityPool({ identityPoolId, clientConfig: { region, endpoint } })
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
