// The app build's S3 endpoint stand-in gives the same answers as the SDK's full rules for every
// case the app meets, and refuses the ones it does not cover.
import { describe, expect, it } from 'vitest'
import { defaultEndpointResolver as sdkRules } from './sdk-s3-endpoint-rules.js'
import {
  defaultEndpointResolver as trimmed,
  type S3EndpointParameters,
} from '../../../src/aws/sdk-trims/s3-endpoint'

const base = { UseFIPS: false, UseDualStack: false, Accelerate: false, ForcePathStyle: false }

const asJson = (endpoint: ReturnType<typeof trimmed>) => ({
  url: endpoint.url.href,
  properties: endpoint.properties,
})

describe('S3 endpoint stand-in', () => {
  const regions = ['us-east-1', 'eu-west-1', 'ap-southeast-2', 'cn-north-1', 'us-gov-west-1']
  const buckets = ['image-labels-images-1a2b3c4d5e6f', 'abc', 'my.bucket.with.dots', 'x1-y2']
  for (const region of regions) {
    for (const bucket of [...buckets, undefined]) {
      it(`matches the SDK for ${bucket ?? 'no bucket'} in ${region}`, () => {
        const params: S3EndpointParameters = { ...base, Region: region, Bucket: bucket }
        expect(asJson(trimmed(params))).toEqual(asJson(sdkRules(params)))
      })
    }
  }

  it('matches the SDK for the local endpoint, path-style, with and without a base path', () => {
    for (const endpoint of [
      'http://127.0.0.1:4566',
      'http://127.0.0.1:4566/',
      'http://localhost:9000/s3',
    ]) {
      const params: S3EndpointParameters = {
        ...base,
        Region: 'us-east-1',
        Bucket: 'image-labels-local-17f3fe06',
        Endpoint: endpoint,
        ForcePathStyle: true,
      }
      expect(asJson(trimmed(params)), endpoint).toEqual(asJson(sdkRules(params)))
    }
  })

  it('refuses what the app never uses instead of guessing', () => {
    const params = { ...base, Region: 'us-east-1', Bucket: 'b-1' }
    expect(() => trimmed({ ...params, UseFIPS: true })).toThrow(/FIPS/)
    expect(() => trimmed({ ...params, UseDualStack: true })).toThrow(/dual-stack/)
    expect(() => trimmed({ ...params, Accelerate: true })).toThrow(/acceleration/)
    expect(() =>
      trimmed({ ...params, Bucket: 'arn:aws:s3:us-east-1:123456789012:accesspoint/ap' }),
    ).toThrow(/access points/)
    expect(() => trimmed({ ...params, Region: undefined })).toThrow(/region/)
  })
})
