// Stands in for the Rekognition client's endpoint rules in the app's build (regional-endpoint.ts
// says why).
import { regionalEndpointResolver } from './regional-endpoint'

export const defaultEndpointResolver = regionalEndpointResolver('rekognition')
