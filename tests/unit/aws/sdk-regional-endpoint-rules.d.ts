import type {
  RegionalEndpoint,
  RegionalEndpointParameters,
} from '../../../src/aws/sdk-trims/regional-endpoint'

type Rules = (params: RegionalEndpointParameters) => RegionalEndpoint

export const rekognitionRules: Rules
export const cognitoIdentityRules: Rules
export const partitionsInfo: {
  partitions: { id: string; regionRegex: string; regions: Record<string, unknown> }[]
}
