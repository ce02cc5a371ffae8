// The AWS SDK's own endpoint rules for Rekognition and for the credential provider's Cognito
// Identity client, which the app build replaces, and the partition data they read; for tests.
export { defaultEndpointResolver as rekognitionRules } from '../../../node_modules/@aws-sdk/client-rekognition/dist-es/endpoint/endpointResolver.js'
export { defaultEndpointResolver as cognitoIdentityRules } from '../../../node_modules/@aws-sdk/nested-clients/dist-es/submodules/cognito-identity/endpoint/endpointResolver.js'
export { partitionsInfo } from '../../../node_modules/@aws-sdk/core/dist-es/submodules/client/util-endpoints/lib/aws/partitions.js'
