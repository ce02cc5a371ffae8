// The app build's Rekognition and Cognito Identity endpoint stand-ins give the same answers as
// the SDK's own rules in every region of the partitions they cover, and refuse everything else.
import { describe, expect, it } from 'vitest'
import {
  cognitoIdentityRules,
  partitionsInfo,
  rekognitionRules,
} from './sdk-regional-endpoint-rules.js'
import { defaultEndpointResolver as rekognitionTrim } from '../../../src/aws/sdk-trims/rekognition-endpoint'
import { defaultEndpointResolver as cognitoIdentityTrim } from '../../../src/aws/sdk-trims/cognito-identity-endpoint'
import type { RegionalEndpoint } from '../../../src/aws/sdk-trims/regional-endpoint'

const base = { UseFIPS: false, UseDualStack: false }
const covered = new Set(['aws', 'aws-cn', 'aws-us-gov'])
const asJson = (endpoint: RegionalEndpoint) => ({
  url: endpoint.url.href,
  properties: endpoint.properties,
  headers: endpoint.headers,
})

const services = [
  { name: 'rekognition', sdk: rekognitionRules, trim: rekognitionTrim },
  { name: 'cognito-identity', sdk: cognitoIdentityRules, trim: cognitoIdentityTrim },
]

describe.each(services)('$name endpoint stand-in', ({ sdk, trim }) => {
  const partitions = partitionsInfo.partitions
  it('knows the partitions it covers', () => {
    expect(
      partitions
        .filter((p) => covered.has(p.id))
        .map((p) => p.id)
        .sort(),
    ).toEqual([...covered])
  })

  for (const partition of partitions) {
    // The partition data lists pseudo-regions such as aws-global beside the real ones.
    const regions = Object.keys(partition.regions).filter((region) => !region.endsWith('global'))
    if (covered.has(partition.id)) {
      it(`matches the SDK in every ${partition.id} region`, () => {
        expect(regions.length).toBeGreaterThan(0)
        for (const region of regions) {
          const params = { ...base, Region: region }
          expect(asJson(trim(params)), region).toEqual(asJson(sdk(params)))
        }
      })
    } else {
      it(`refuses the ${partition.id} regions instead of guessing`, () => {
        for (const region of regions) {
          expect(() => trim({ ...base, Region: region }), region).toThrow(/not part of this app/)
        }
      })
    }
  }

  it('refuses the pseudo-regions of the partition data', () => {
    for (const region of ['aws-global', 'aws-cn-global', 'aws-us-gov-global']) {
      expect(() => trim({ ...base, Region: region }), region).toThrow(/not part of this app/)
    }
  })

  it('matches the SDK for a region not yet in the partition data', () => {
    const params = { ...base, Region: 'eu-north-9' }
    expect(asJson(trim(params))).toEqual(asJson(sdk(params)))
  })

  it('matches the SDK for the local endpoint', () => {
    for (const endpoint of ['http://127.0.0.1:4566', 'http://localhost:9000/aws/']) {
      const params = { ...base, Region: 'us-east-1', Endpoint: endpoint }
      expect(asJson(trim(params)), endpoint).toEqual(asJson(sdk(params)))
    }
  })

  it('refuses FIPS, dual-stack and a missing region', () => {
    expect(() => trim({ ...base, Region: 'us-east-1', UseFIPS: true })).toThrow(/FIPS/)
    expect(() => trim({ ...base, Region: 'us-east-1', UseDualStack: true })).toThrow(/dual-stack/)
    expect(() => trim({ ...base })).toThrow(/region/)
  })
})
