// The app's door to AWS. Loaded with import() after first paint, so the SDK stays out of startup.
export { createAwsSession, type AwsSession, type SessionOptions } from './session'
export { uploadPhoto, type UploadInput, type UploadProgress } from './photos'
export { detectLabels } from './labels'
export { toAppError } from './errors'
export * from './my-photos'
