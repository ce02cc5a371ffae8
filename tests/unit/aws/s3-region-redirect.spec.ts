// The app build's region-redirect stand-in: the app's S3 client does not follow region
// redirects, and then the SDK's middleware passes every answer and error through unchanged.
import { describe, expect, it } from 'vitest'
import { S3Client } from '@aws-sdk/client-s3'
import {
  regionRedirectEndpointMiddleware as sdkEndpointMiddleware,
  regionRedirectMiddleware as sdkMiddleware,
} from '@aws-sdk/middleware-sdk-s3/s3'
import {
  getRegionRedirectMiddlewarePlugin,
  regionRedirectMiddleware,
} from '../../../src/aws/sdk-trims/s3-region-redirect'

type Handler = (args: object) => Promise<unknown>
type Middleware = (next: Handler, context: object) => Handler

/** An S3 answer that tells where the bucket really is, as S3 sends it for a wrong region. */
function movedPermanently() {
  return Object.assign(new Error('PermanentRedirect'), {
    name: 'PermanentRedirect',
    $metadata: { httpStatusCode: 301 },
    $response: { headers: { 'x-amz-bucket-region': 'us-west-2' } },
  })
}

/** How often the next handler ran, and what came out, when it always fails with a redirect. */
async function sendThrough(middleware: Middleware) {
  let calls = 0
  const error = movedPermanently()
  const outcome = await middleware(
    () => {
      calls += 1
      return Promise.reject(error)
    },
    { commandName: 'GetObjectCommand' },
  )({ input: {} }).catch((thrown: unknown) => thrown)
  return { calls, sameError: outcome === error }
}

const region = () => Promise.resolve('eu-west-1')

describe('S3 region redirect stand-in', () => {
  it('is never needed: the S3 client as the app makes it does not follow redirects', () => {
    // As src/aws/session.ts makes it (no followRegionRedirects).
    const client = new S3Client({ region: 'eu-west-1', forcePathStyle: false })
    expect(client.config.followRegionRedirects).toBe(false)
    client.destroy()
  })

  it("passes a redirect error through once, as the SDK's middleware does then", async () => {
    const config = { followRegionRedirects: false, region }
    const sdk = await sendThrough(sdkMiddleware(config) as unknown as Middleware)
    expect(sdk).toEqual({ calls: 1, sameError: true })
    expect(await sendThrough(regionRedirectMiddleware(config) as unknown as Middleware)).toEqual(
      sdk,
    )
  })

  it("passes answers through, as the SDK's endpoint middleware does without a redirect", async () => {
    const config = { followRegionRedirects: false, region }
    const answer = { output: { ok: true }, response: {} }
    const sdk = sdkEndpointMiddleware(config) as unknown as Middleware
    expect(await sdk(() => Promise.resolve(answer), {})({})).toBe(answer)
    expect(config.region).toBe(region)
  })

  it('would be needed with followRegionRedirects (the checks above can fail), and is refused', async () => {
    const config = { followRegionRedirects: true, region }
    expect((await sendThrough(sdkMiddleware(config) as unknown as Middleware)).calls).toBe(2)
    expect(() => getRegionRedirectMiddlewarePlugin(config)).toThrow(/region redirects/)
    expect(() => regionRedirectMiddleware(config)).toThrow(/region redirects/)
  })
})
