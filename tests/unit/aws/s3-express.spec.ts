// The app build's S3 Express stand-in: for the endpoints the app's S3 endpoint stand-in answers,
// the SDK's S3 Express middleware does nothing and its signing middleware signs exactly as the
// standard one the client keeps; a directory bucket endpoint, as the SDK's rules answer it, is
// refused.
import { describe, expect, it } from 'vitest'
import {
  s3ExpressHttpSigningMiddleware as sdkExpressSigning,
  s3ExpressMiddleware as sdkExpressMiddleware,
} from '@aws-sdk/middleware-sdk-s3/s3'
import { httpSigningMiddleware } from '@smithy/core'
import { HttpRequest } from '@smithy/core/protocols'
import { defaultEndpointResolver as sdkRules } from './sdk-s3-endpoint-rules.js'
import { defaultEndpointResolver as appRules } from '../../../src/aws/sdk-trims/s3-endpoint'
import {
  CreateSessionCommand,
  S3ExpressIdentityProviderImpl,
  isS3ExpressEndpoint,
  s3ExpressMiddleware,
} from '../../../src/aws/sdk-trims/s3-express'

type Handler = (args: { input: object; request: unknown }) => Promise<unknown>
type Middleware = (next: Handler, context: object) => Handler

const base = { UseFIPS: false, UseDualStack: false, Accelerate: false }
/** The endpoints the app's S3 client gets: its bucket in a region, or the local endpoint. */
const appEndpoints = [
  appRules({ ...base, Region: 'eu-west-1', Bucket: 'image-labels-images-1a2b3c4d5e6f' }),
  appRules({
    ...base,
    Region: 'us-east-1',
    Bucket: 'image-labels-local-17f3fe06',
    Endpoint: 'http://127.0.0.1:4566',
    ForcePathStyle: true,
  }),
]
const directoryBucket = sdkRules({
  ...base,
  Region: 'us-west-2',
  Bucket: 'photos--usw2-az1--x-s3',
})

const request = () =>
  new HttpRequest({ method: 'GET', hostname: 'example.com', path: '/k', headers: {} })
const credentials = { accessKeyId: 'ASIA', secretAccessKey: 'secret', sessionToken: 'token' }

/** Runs a middleware and answers what reached the next handler, and the context after. */
async function through(middleware: Middleware, context: object) {
  const reached: unknown[] = []
  await middleware((args) => {
    reached.push(args)
    return Promise.resolve({ output: {}, response: {} })
  }, context)({ input: { Bucket: 'b', Key: 'k' }, request: request() })
  return reached
}

describe('S3 Express stand-in', () => {
  it("is never needed: the SDK's S3 Express middleware does nothing for the app's endpoints", async () => {
    const sessions: unknown[] = []
    const sdk = sdkExpressMiddleware({
      credentials: () => Promise.resolve(credentials),
      s3ExpressIdentityProvider: {
        getS3ExpressIdentity: (...args: unknown[]) => {
          sessions.push(args)
          return Promise.resolve({ ...credentials, expiration: new Date() })
        },
      },
    }) as unknown as Middleware
    for (const endpoint of appEndpoints) {
      expect(isS3ExpressEndpoint(endpoint.properties)).toBe(false)
      const context = { endpointV2: endpoint }
      const reached = await through(sdk, context)
      expect(reached).toHaveLength(1)
      expect(context).toEqual({ endpointV2: endpoint })
      expect(await through(s3ExpressMiddleware() as Middleware, { endpointV2: endpoint })).toEqual(
        reached,
      )
    }
    expect(sessions).toEqual([])
  })

  it("is never needed: the SDK's S3 Express signing signs as the standard signing middleware", async () => {
    const signer = {
      sign: (req: HttpRequest, identity: { accessKeyId: string }) => {
        const signed = req.clone()
        signed.headers.authorization = `signed by ${identity.accessKeyId}`
        return Promise.resolve(signed)
      },
    }
    const context = () => ({
      endpointV2: appEndpoints[0],
      __smithy_context: {
        selectedHttpAuthScheme: {
          httpAuthOption: { schemeId: 'aws.auth#sigv4', signingProperties: {} },
          identity: credentials,
          signer,
        },
      },
    })
    const signerConfig = { signer: () => Promise.reject(new Error('not for this endpoint')) }
    const express = await through(
      sdkExpressSigning(signerConfig as never) as unknown as Middleware,
      context(),
    )
    const standard = await through(httpSigningMiddleware({}) as unknown as Middleware, context())
    expect(express).toEqual(standard)
    expect(express).toMatchObject([{ request: { headers: { authorization: 'signed by ASIA' } } }])
  })

  it('refuses a directory bucket endpoint as the SDK rules answer it', async () => {
    expect(isS3ExpressEndpoint(directoryBucket.properties)).toBe(true)
    await expect(
      Promise.resolve().then(() =>
        through(s3ExpressMiddleware() as Middleware, { endpointV2: directoryBucket }),
      ),
    ).rejects.toThrow(/S3 Express/)
  })

  it('refuses to make S3 Express sessions', async () => {
    await expect(new S3ExpressIdentityProviderImpl().getS3ExpressIdentity()).rejects.toThrow(
      /S3 Express/,
    )
    expect(() => new CreateSessionCommand()).toThrow(/S3 Express/)
  })
})
