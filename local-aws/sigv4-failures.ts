// What each way a signature can fail is called, in S3's error names and in those of the JSON 1.1
// services (which differ: S3 has a code per cause, the JSON services mostly one).
import { AwsError, type ServiceFamily } from './errors.ts'

export type Failure =
  | 'missing'
  | 'malformed'
  | 'unknownKey'
  | 'badToken'
  | 'expired'
  | 'skewed'
  | 'presignExpired'
  | 'signature'
  | 'contentHash'

const s3Failures: Record<Failure, [string, number, string]> = {
  missing: ['AccessDenied', 403, 'Access Denied'],
  malformed: ['AuthorizationHeaderMalformed', 400, 'The authorization header is malformed.'],
  unknownKey: [
    'InvalidAccessKeyId',
    403,
    'The AWS Access Key Id you provided does not exist in our records.',
  ],
  badToken: ['InvalidToken', 400, 'The provided token is malformed or otherwise invalid.'],
  expired: ['ExpiredToken', 400, 'The provided token has expired.'],
  skewed: [
    'RequestTimeTooSkewed',
    403,
    'The difference between the request time and the current time is too large.',
  ],
  presignExpired: ['AccessDenied', 403, 'Request has expired'],
  signature: [
    'SignatureDoesNotMatch',
    403,
    'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
  ],
  contentHash: [
    'XAmzContentSHA256Mismatch',
    400,
    "The provided 'x-amz-content-sha256' header does not match what was computed.",
  ],
}

const jsonFailures: Record<Failure, [string, number, string]> = {
  missing: ['MissingAuthenticationTokenException', 400, 'Missing Authentication Token'],
  malformed: ['IncompleteSignatureException', 400, 'The request signature is malformed.'],
  unknownKey: [
    'UnrecognizedClientException',
    400,
    'The security token included in the request is invalid.',
  ],
  badToken: [
    'UnrecognizedClientException',
    400,
    'The security token included in the request is invalid.',
  ],
  expired: ['ExpiredTokenException', 400, 'The security token included in the request is expired'],
  skewed: ['InvalidSignatureException', 400, 'Signature expired: the request time is too skewed.'],
  presignExpired: ['InvalidSignatureException', 400, 'Signature expired.'],
  signature: [
    'InvalidSignatureException',
    400,
    'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
  ],
  contentHash: [
    'InvalidSignatureException',
    400,
    'The request signature we calculated does not match the signature you provided.',
  ],
}

export function failure(kind: Failure, family: ServiceFamily, detail?: string): AwsError {
  const [code, status, message] = (family === 's3' ? s3Failures : jsonFailures)[kind]
  return new AwsError(code, status, detail ? `${message} ${detail}` : message)
}
