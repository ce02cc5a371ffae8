// What every S3 operation works with: the request as the router hands it over (bucket, key and
// query parsed; body verified and unframed), the endpoint's stores, and the shared refusals.
import type { IncomingHttpHeaders } from 'node:http'
import { AwsError } from '../errors.ts'
import type { ObjectStore } from '../object-store.ts'
import type { Reply } from '../reply.ts'
import type { Caller } from '../state.ts'
import type { MultipartUploads } from './multipart-store.ts'

export const maxObjectBytes = 64 * 1024 * 1024
export const maxKeyBytes = 1024

export interface S3Request {
  method: string
  rawUrl: string
  headers: IncomingHttpHeaders
  body: Buffer
  caller: Caller
}

export interface S3Deps {
  store: ObjectStore
  uploads: MultipartUploads
  bucket: string
  now(): Date
  /** Whether the caller may do `action` on `resource` (an S3 ARN) given the condition keys. */
  authorize(caller: Caller, action: string, resource: string, keys: Record<string, string>): boolean
}

export interface S3Target {
  bucket: string
  key: string
  query: Record<string, string>
}

/** One S3 call on its way through an operation. */
export interface S3Call {
  deps: S3Deps
  request: S3Request
  target: S3Target
  /** The payload once `x-amz-content-sha256` is checked and aws-chunked framing removed. */
  body: Buffer
  /** Trailers of an aws-chunked body (`x-amz-checksum-*`); empty otherwise. */
  trailers: Record<string, string>
}

export type { Reply }

export function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name]
  return Array.isArray(value) ? value.join(',') : value
}

export function requireAllowed(
  deps: S3Deps,
  caller: Caller,
  action: string,
  resource: string,
  keys: Record<string, string>,
): void {
  if (!deps.authorize(caller, action, resource, keys)) {
    throw new AwsError('AccessDenied', 403, 'Access Denied')
  }
}

export function notImplemented(): AwsError {
  return new AwsError(
    'NotImplemented',
    501,
    'A header or operation you provided implies functionality that is not implemented locally.',
  )
}

export function noSuchKey(key: string): AwsError {
  return new AwsError('NoSuchKey', 404, 'The specified key does not exist.', { Key: key })
}

export function entityTooLarge(): AwsError {
  return new AwsError(
    'EntityTooLarge',
    400,
    'Your proposed upload exceeds the maximum allowed size',
  )
}

export function metadataOf(headers: IncomingHttpHeaders): Record<string, string> {
  const metadata: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (name.startsWith('x-amz-meta-') && value !== undefined) {
      metadata[name.slice('x-amz-meta-'.length)] = Array.isArray(value) ? value.join(',') : value
    }
  }
  return metadata
}
