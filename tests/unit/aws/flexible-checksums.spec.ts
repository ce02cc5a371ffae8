// The app build's S3 checksum stand-in: the SDK's own SSE-C middleware, as the app's uploads and
// reads go through it, never makes the MD5 it leaves out; the checksum guard lets the app's
// operations through and refuses what needs a checksum; SHA-256 stays the SDK's.
import { describe, expect, it } from 'vitest'
import { ssecMiddleware } from '@aws-sdk/middleware-sdk-s3/s3'
import { Sha256 as SdkSha256 } from '@smithy/core/checksum'
import { fromBase64, fromUtf8, toBase64 } from '@smithy/core/serde'
import {
  Md5,
  Sha1,
  Sha256,
  blobHasher,
  getFlexibleChecksumsPlugin,
} from '../../../src/aws/sdk-trims/flexible-checksums'

type Args = { input: Record<string, unknown> }
type Handler = (args: Args) => Promise<unknown>
type Middleware = (next: Handler, context: object) => Handler

/** The real SSE-C middleware with the stand-in MD5, as the S3 client config hands it over. */
function ssecWithStandIn() {
  const passed: Args[] = []
  const sdk = ssecMiddleware({
    md5: Md5,
    base64Decoder: fromBase64,
    base64Encoder: toBase64,
    utf8Decoder: fromUtf8,
  } as unknown as Parameters<typeof ssecMiddleware>[0]) as unknown as Middleware
  const handler = sdk((args) => {
    passed.push(args)
    return Promise.resolve({ output: {}, response: {} })
  }, {})
  return { passed, send: (input: Record<string, unknown>) => handler({ input }) }
}

/** The guard the stand-in plugin adds, as a command's middleware stack would get it. */
function checksumGuard(options: Parameters<typeof getFlexibleChecksumsPlugin>[1]) {
  const added: ((next: Handler) => Handler)[] = []
  getFlexibleChecksumsPlugin({}, options).applyToStack({
    add(middleware) {
      added.push(middleware)
    },
  })
  const [guard] = added
  if (!guard) throw new Error('the plugin added no middleware')
  const next = guard(() => Promise.resolve('sent'))
  // The stack awaits each middleware, so a refusal thrown at once reaches the caller as a rejection.
  return (args: Args) => Promise.resolve().then(() => next(args))
}

describe('S3 checksum and MD5 stand-in', () => {
  it("never makes an MD5 for the app's uploads and reads (no SSE-C customer key)", async () => {
    const { passed, send } = ssecWithStandIn()
    const upload = { Bucket: 'photos', Key: 'p/a.jpg', Body: new Uint8Array([1, 2, 3]) }
    await send(upload)
    await send({ Bucket: 'photos', Key: 'p/a.jpg', IfNoneMatch: '*' })
    expect(passed.map((args) => args.input)).toEqual([
      upload,
      { Bucket: 'photos', Key: 'p/a.jpg', IfNoneMatch: '*' },
    ])
  })

  it('refuses an SSE-C customer key, which the SDK would hash with MD5', async () => {
    const { passed, send } = ssecWithStandIn()
    await expect(
      send({ Bucket: 'photos', Key: 'a', SSECustomerKey: 'k'.repeat(32) }),
    ).rejects.toThrow(/MD5/)
    expect(passed).toEqual([])
  })

  it('lets an operation through that neither requires nor asks for a checksum', async () => {
    const guard = checksumGuard({ requestAlgorithmMember: { name: 'ChecksumAlgorithm' } })
    await expect(guard({ input: { Bucket: 'photos', Key: 'a' } })).resolves.toBe('sent')
  })

  it('refuses an operation that requires a checksum, or a chosen checksum algorithm', async () => {
    await expect(checksumGuard({ requestChecksumRequired: true })({ input: {} })).rejects.toThrow(
      /checksums/,
    )
    const guard = checksumGuard({ requestAlgorithmMember: { name: 'ChecksumAlgorithm' } })
    await expect(guard({ input: { ChecksumAlgorithm: 'CRC32' } })).rejects.toThrow(
      /ChecksumAlgorithm/,
    )
  })

  it('refuses MD5, SHA-1 and stream hashing, and signs with the SDK SHA-256', async () => {
    expect(() => new Md5()).toThrow(/MD5/)
    expect(() => new Sha1()).toThrow(/SHA-1/)
    await expect(blobHasher()).rejects.toThrow(/stream/)
    expect(Sha256).toBe(SdkSha256)
  })
})
