// The AWS SDK's own S3 endpoint rules, which the app build replaces, for comparison in tests.
export { defaultEndpointResolver } from '../../../node_modules/@aws-sdk/client-s3/dist-es/endpoint/endpointResolver.js'
