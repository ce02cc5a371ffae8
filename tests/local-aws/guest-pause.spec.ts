// The daily cap's pause on the local endpoint, with the SDK v3: UpdateIdentityPool with
// AllowUnauthenticatedIdentities false (admin key only) refuses guests exactly as Cognito does,
// credentials already issued keep working until they expire, and turning it back on lets
// guests in again.
import {
  CognitoIdentityClient,
  DescribeIdentityPoolCommand,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  UpdateIdentityPoolCommand,
} from '@aws-sdk/client-cognito-identity'
import { ListObjectsV2Command } from '@aws-sdk/client-s3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  errorName,
  fakeDetector,
  newGuest,
  sendRaw,
  startTestEndpoint,
  type TestEndpoint,
} from './helpers.ts'

const pausedMessage = 'Unauthenticated access is not supported for this identity pool.'

async function failure(call: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await call
  } catch (error) {
    if (error instanceof Error) return { name: error.name, message: error.message }
    throw error
  }
  throw new Error('the call succeeded')
}

describe('pausing guests through UpdateIdentityPool', () => {
  let endpoint: TestEndpoint
  let admin: CognitoIdentityClient
  /** No credentials at all, as a guest's browser calls GetId and GetCredentialsForIdentity. */
  let anonymous: CognitoIdentityClient
  let poolId: string

  const setGuestAccess = async (allowed: boolean) => {
    const { $metadata, ...pool } = await admin.send(
      new DescribeIdentityPoolCommand({ IdentityPoolId: poolId }),
    )
    expect($metadata.httpStatusCode).toBe(200)
    return admin.send(
      new UpdateIdentityPoolCommand({
        ...pool,
        IdentityPoolName: pool.IdentityPoolName ?? '',
        AllowUnauthenticatedIdentities: allowed,
      }),
    )
  }

  beforeAll(async () => {
    endpoint = await startTestEndpoint({ detector: fakeDetector() })
    const { region, endpoint: url, identityPoolId } = endpoint.aws.config
    poolId = identityPoolId
    admin = new CognitoIdentityClient({
      region,
      endpoint: url,
      credentials: endpoint.aws.adminCredentials,
    })
    anonymous = new CognitoIdentityClient({ region, endpoint: url, maxAttempts: 1 })
  })
  afterAll(async () => {
    await setGuestAccess(true)
    await endpoint.stop()
  })

  it('describes the pool with guests allowed and the classic flow off, as the stack makes it', async () => {
    const pool = await admin.send(new DescribeIdentityPoolCommand({ IdentityPoolId: poolId }))
    expect(pool).toMatchObject({
      IdentityPoolId: poolId,
      AllowUnauthenticatedIdentities: true,
      AllowClassicFlow: false,
    })
    expect(pool.IdentityPoolName).toBeTruthy()
  })

  it('refuses new and returning guests with Cognito’s own error while paused, then lets them in again', async () => {
    const returning = await newGuest(endpoint.aws)
    const bucket = endpoint.aws.config.imagesBucket
    const updated = await setGuestAccess(false)
    expect(updated.AllowUnauthenticatedIdentities).toBe(false)

    expect(await failure(anonymous.send(new GetIdCommand({ IdentityPoolId: poolId })))).toEqual({
      name: 'NotAuthorizedException',
      message: pausedMessage,
    })
    expect(
      await failure(
        anonymous.send(new GetCredentialsForIdentityCommand({ IdentityId: returning.identityId })),
      ),
    ).toEqual({ name: 'NotAuthorizedException', message: pausedMessage })
    // Credentials issued before the pause last until they expire: My photos stays readable.
    const listing = await returning.s3.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: `u/${returning.identityId}/` }),
    )
    expect(listing.$metadata.httpStatusCode).toBe(200)

    await setGuestAccess(true)
    const { IdentityId } = await anonymous.send(new GetIdCommand({ IdentityPoolId: poolId }))
    expect(IdentityId).toMatch(/^us-east-1:/)
    const again = await anonymous.send(
      new GetCredentialsForIdentityCommand({ IdentityId: returning.identityId }),
    )
    expect(again.Credentials?.AccessKeyId).toMatch(/^ASIA/)
  })

  it('keeps a pause across a restart of the endpoint (it is part of the saved state)', async () => {
    await setGuestAccess(false)
    const restarted = await startTestEndpoint({
      detector: fakeDetector(),
      dataDir: endpoint.dataDir,
    })
    try {
      const { region, endpoint: url } = restarted.aws.config
      const client = new CognitoIdentityClient({ region, endpoint: url, maxAttempts: 1 })
      expect(await errorName(client.send(new GetIdCommand({ IdentityPoolId: poolId })))).toBe(
        'NotAuthorizedException',
      )
    } finally {
      await restarted.stop()
    }
    await setGuestAccess(true)
  })

  it('lets only the admin key change or read the pool: guests get AccessDenied, unsigned calls no answer', async () => {
    const guest = await newGuest(endpoint.aws)
    const { region, endpoint: url } = endpoint.aws.config
    const asGuest = new CognitoIdentityClient({
      region,
      endpoint: url,
      credentials: guest.credentials,
      maxAttempts: 1,
    })
    const denied = await failure(
      asGuest.send(
        new UpdateIdentityPoolCommand({
          IdentityPoolId: poolId,
          IdentityPoolName: 'image-labels-local',
          AllowUnauthenticatedIdentities: false,
        }),
      ),
    )
    expect(denied.name).toBe('AccessDeniedException')
    expect(denied.message).toContain(
      `is not authorized to perform: cognito-identity:UpdateIdentityPool on resource: arn:aws:cognito-identity:us-east-1:000000000000:identitypool/${poolId}`,
    )
    expect(
      await errorName(asGuest.send(new DescribeIdentityPoolCommand({ IdentityPoolId: poolId }))),
    ).toBe('AccessDeniedException')

    const unsigned = await sendRaw({
      url: url,
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSCognitoIdentityService.UpdateIdentityPool',
      },
      body: JSON.stringify({
        IdentityPoolId: poolId,
        IdentityPoolName: 'x',
        AllowUnauthenticatedIdentities: false,
      }),
    })
    expect(unsigned.code).toBe('MissingAuthenticationTokenException')
    const pool = await admin.send(new DescribeIdentityPoolCommand({ IdentityPoolId: poolId }))
    expect(pool.AllowUnauthenticatedIdentities).toBe(true)
    expect(pool.IdentityPoolName).toBe('image-labels-local')
  })

  it('refuses settings that do not exist locally instead of ignoring them', async () => {
    const refused = await failure(
      admin.send(
        new UpdateIdentityPoolCommand({
          IdentityPoolId: poolId,
          IdentityPoolName: 'image-labels-local',
          AllowUnauthenticatedIdentities: true,
          SupportedLoginProviders: { 'accounts.google.com': 'client-id' },
        }),
      ),
    )
    expect(refused.name).toBe('InvalidParameterException')
    expect(refused.message).toContain('SupportedLoginProviders')
  })
})
