// Stands in for the endpoint rules of the Cognito Identity client that the credential provider
// makes, in the app's build (regional-endpoint.ts says why).
import { regionalEndpointResolver } from './regional-endpoint'

export const defaultEndpointResolver = regionalEndpointResolver('cognito-identity')
