import type { S3Endpoint, S3EndpointParameters } from '../../../src/aws/sdk-trims/s3-endpoint'

export function defaultEndpointResolver(params: S3EndpointParameters): S3Endpoint
