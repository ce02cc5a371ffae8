// SigV2 query-string authentication (`?AWSAccessKeyId=…&Expires=…&Signature=…`), S3 only: the
// AWS CLI v1 still makes `aws s3 presign` URLs this way in us-east-1. Header-signed SigV2 stays
// refused. The string to sign is S3's: verb, Content-MD5, Content-Type, Expires, the x-amz-*
// headers, then the raw path with its sub-resources.
import { createHmac, timingSafeEqual } from 'node:crypto'
import type { IncomingHttpHeaders } from 'node:http'
import type { QueryParameterBag } from '@smithy/types'
import { AwsError } from './errors.ts'
import type { SigningCredential } from './state.ts'

/** Query parameters S3 counts as part of the resource in a SigV2 string to sign. */
const subresources = new Set([
  'acl',
  'cors',
  'delete',
  'lifecycle',
  'location',
  'logging',
  'notification',
  'partNumber',
  'policy',
  'requestPayment',
  'response-cache-control',
  'response-content-disposition',
  'response-content-encoding',
  'response-content-language',
  'response-content-type',
  'response-expires',
  'restore',
  'tagging',
  'torrent',
  'uploadId',
  'uploads',
  'versionId',
  'versioning',
  'versions',
  'website',
])

function single(value: string | string[] | null | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined
}

function headerText(headers: IncomingHttpHeaders, name: string): string {
  const value = headers[name]
  return Array.isArray(value) ? value.join(',') : (value ?? '')
}

export function isSigV2Query(query: QueryParameterBag): boolean {
  return query.AWSAccessKeyId !== undefined || query.Signature !== undefined
}

export function verifySigV2Query(
  request: { method: string; rawPath: string; headers: IncomingHttpHeaders },
  query: QueryParameterBag,
  findCredential: (accessKeyId: string) => SigningCredential | undefined,
  now: Date,
): SigningCredential {
  const accessKeyId = single(query.AWSAccessKeyId)
  const signature = single(query.Signature)
  const expires = single(query.Expires)
  if (!accessKeyId || !signature || !expires || !/^\d+$/.test(expires)) {
    throw new AwsError(
      'AccessDenied',
      403,
      'Query-string authentication requires the Signature, Expires and AWSAccessKeyId parameters',
    )
  }
  const credential = findCredential(accessKeyId)
  if (!credential) {
    throw new AwsError(
      'InvalidAccessKeyId',
      403,
      'The AWS Access Key Id you provided does not exist in our records.',
    )
  }
  const token =
    single(query['x-amz-security-token']) ?? headerText(request.headers, 'x-amz-security-token')
  if (credential.sessionToken !== undefined) {
    if (!token) {
      throw new AwsError(
        'InvalidAccessKeyId',
        403,
        'The AWS Access Key Id you provided does not exist in our records.',
      )
    }
    if (token !== credential.sessionToken) {
      throw new AwsError(
        'InvalidToken',
        400,
        'The provided token is malformed or otherwise invalid.',
      )
    }
    if (credential.expiration && credential.expiration.getTime() <= now.getTime()) {
      throw new AwsError('ExpiredToken', 400, 'The provided token has expired.')
    }
  }
  if (Number(expires) * 1000 < now.getTime()) {
    throw new AwsError('AccessDenied', 403, 'Request has expired')
  }
  const amzHeaders: Record<string, string> = {}
  for (const name of Object.keys(request.headers)) {
    if (name.startsWith('x-amz-')) amzHeaders[name] = headerText(request.headers, name).trim()
  }
  if (token) amzHeaders['x-amz-security-token'] = token
  const resourceQuery = Object.keys(query)
    .filter((name) => subresources.has(name))
    .sort()
    .map((name) => {
      const value = single(query[name])
      return value ? `${name}=${value}` : name
    })
  const stringToSign = [
    request.method,
    headerText(request.headers, 'content-md5'),
    headerText(request.headers, 'content-type'),
    expires,
    ...Object.keys(amzHeaders)
      .sort()
      .map((name) => `${name}:${amzHeaders[name]}`),
    `${request.rawPath}${resourceQuery.length ? `?${resourceQuery.join('&')}` : ''}`,
  ].join('\n')
  const expected = createHmac('sha1', credential.secretAccessKey).update(stringToSign).digest()
  const given = Buffer.from(signature, 'base64')
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new AwsError(
      'SignatureDoesNotMatch',
      403,
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    )
  }
  return credential
}
