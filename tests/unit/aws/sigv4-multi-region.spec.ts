// The app build's S3 signer stand-in signs the app's S3 requests exactly as the SDK's
// SignatureV4MultiRegion does for a regional bucket, and refuses multi-region (SigV4a) signing.
import { describe, expect, it } from 'vitest'
import { SignatureV4MultiRegion as SdkSigner } from '@aws-sdk/signature-v4-multi-region'
import { Sha256 } from '@smithy/core/checksum'
import { HttpRequest } from '@smithy/core/protocols'
import { SignatureV4MultiRegion as Trimmed } from '../../../src/aws/sdk-trims/sigv4-multi-region'

const options = {
  service: 's3',
  region: 'eu-west-1',
  sha256: Sha256,
  uriEscapePath: false,
  applyChecksum: true,
  credentials: { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'secret', sessionToken: 'token' },
}

const request = () =>
  new HttpRequest({
    method: 'PUT',
    protocol: 'https:',
    hostname: 'bucket-1.s3.eu-west-1.amazonaws.com',
    path: '/photos/eu-west-1%3Aabc/p.jpg',
    query: { 'x-id': 'PutObject' },
    headers: {
      host: 'bucket-1.s3.eu-west-1.amazonaws.com',
      'content-type': 'image/jpeg',
      'x-amz-meta-original-name': 'cat.jpg',
      'if-none-match': '*',
    },
    body: new Uint8Array([0xff, 0xd8, 0xff, 0xd9]),
  })

describe('S3 signer stand-in', () => {
  it('signs and presigns as the SDK signer does for a regional bucket', async () => {
    const signingDate = new Date('2026-03-01T12:00:00Z')
    const signing = { signingDate, signingRegion: 'eu-west-1', signingService: 's3' }
    const sdk = await new SdkSigner(options).sign(request(), signing)
    const trimmed = await new Trimmed(options).sign(request(), signing)
    expect(trimmed.headers).toEqual(sdk.headers)
    expect(trimmed.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=ASIAEXAMPLE\//)
    const presigned = { ...signing, expiresIn: 300 }
    const sdkUrl = await new SdkSigner(options).presign(request(), presigned)
    const trimmedUrl = await new Trimmed(options).presign(request(), presigned)
    expect(trimmedUrl.query).toEqual(sdkUrl.query)
  })

  it('says, as the SDK does in a browser, that no SigV4a signer is there', () => {
    expect(Trimmed.sigv4aDependency()).toBe('none')
  })

  it("refuses the multi-region '*' signing region instead of signing it wrong", async () => {
    await expect(new Trimmed(options).sign(request(), { signingRegion: '*' })).rejects.toThrow(
      /SigV4a/,
    )
  })
})
