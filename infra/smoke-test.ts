// Proves the deployed stack works for the people it is for: as a guest of the new identity pool,
// upload a photo into the guest's own prefix, label it with Rekognition, delete it.
import {
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  type CognitoIdentityClient,
} from '@aws-sdk/client-cognito-identity'
import { DetectLabelsCommand, type RekognitionClient } from '@aws-sdk/client-rekognition'
import { DeleteObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3'
import { DeployError } from './deploy-errors.ts'
import type { Log, StackOutputs } from './stack.ts'

export interface GuestCredentials {
  accessKeyId: string
  secretAccessKey: string
  sessionToken: string
}

export interface GuestClients {
  s3: S3Client
  rekognition: RekognitionClient
}

export interface SmokeTest {
  cognito: CognitoIdentityClient
  /** Builds S3 and Rekognition clients that sign with the guest's credentials. */
  guestClients: (credentials: GuestCredentials) => GuestClients
  outputs: StackOutputs
  photo: Uint8Array
  log: Log
  /** IAM changes reach every endpoint within seconds, not instantly: retry denials this often. */
  retryDelaysMs?: number[]
  sleep?: (milliseconds: number) => Promise<void>
}

export interface SmokeTestResult {
  identityId: string
  key: string
  labels: string[]
}

const DEFAULT_RETRY_DELAYS_MS = [2000, 4000, 8000, 15000, 30000]

/** What a just-created role or pool answers until IAM has spread the change. */
function isDenied(error: unknown): boolean {
  return (
    error instanceof Error &&
    /AccessDenied|InvalidS3ObjectException|InvalidIdentityPoolConfiguration|not authorized/i.test(
      `${error.name} ${error.message}`,
    )
  )
}

async function withRetries<T>(
  action: () => Promise<T>,
  delays: number[],
  sleep: (ms: number) => Promise<void>,
): Promise<T> {
  for (const delay of delays) {
    try {
      return await action()
    } catch (error) {
      if (!isDenied(error)) throw error
      await sleep(delay)
    }
  }
  return action()
}

export async function guestSmokeTest(test: SmokeTest): Promise<SmokeTestResult> {
  const { cognito, outputs, log } = test
  const delays = test.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS
  const sleep =
    test.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)))
  const step = async <T>(name: string, action: () => Promise<T>): Promise<T> => {
    try {
      return await withRetries(action, delays, sleep)
    } catch (error) {
      const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
      throw new DeployError(`Smoke test failed at ${name} as a guest: ${detail}`)
    }
  }

  log(
    'Smoke test as a guest: GetId, GetCredentialsForIdentity, PutObject, DetectLabels, DeleteObject',
  )
  const identityId = await step('GetId', async () => {
    const { IdentityId } = await cognito.send(
      new GetIdCommand({ IdentityPoolId: outputs.identityPoolId }),
    )
    if (!IdentityId) throw new Error('no identity id returned')
    return IdentityId
  })
  const credentials = await step('GetCredentialsForIdentity', async () => {
    const { Credentials } = await cognito.send(
      new GetCredentialsForIdentityCommand({ IdentityId: identityId }),
    )
    if (!Credentials?.AccessKeyId || !Credentials.SecretKey || !Credentials.SessionToken) {
      throw new Error('no guest credentials returned')
    }
    return {
      accessKeyId: Credentials.AccessKeyId,
      secretAccessKey: Credentials.SecretKey,
      sessionToken: Credentials.SessionToken,
    }
  })
  const guest = test.guestClients(credentials)
  const key = `u/${identityId}/deploy-smoke-test.jpg`
  await step('PutObject', () =>
    guest.s3.send(
      new PutObjectCommand({
        Bucket: outputs.imagesBucket,
        Key: key,
        Body: test.photo,
        ContentType: 'image/jpeg',
      }),
    ),
  )
  try {
    const labels = await step('DetectLabels', async () => {
      const { Labels } = await guest.rekognition.send(
        new DetectLabelsCommand({
          Image: { S3Object: { Bucket: outputs.imagesBucket, Name: key } },
          MaxLabels: 5,
        }),
      )
      return (Labels ?? []).map((label) => label.Name ?? '?')
    })
    log(
      `Smoke test: Rekognition sees ${labels.length > 0 ? labels.join(', ') : 'nothing'} in the test photo.`,
    )
    return { identityId, key, labels }
  } finally {
    await step('DeleteObject', () =>
      guest.s3.send(new DeleteObjectCommand({ Bucket: outputs.imagesBucket, Key: key })),
    )
  }
}
