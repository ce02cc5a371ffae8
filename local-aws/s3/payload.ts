// An S3 body as the client framed it: checked against `x-amz-content-sha256`, unwrapped from
// aws-chunked framing, and its digests (Content-MD5, x-amz-checksum-* in headers or trailers)
// verified before anything is stored.
import { AwsError } from '../errors.ts'
import { sha256Hex } from '../sha256.ts'
import { decodeAwsChunked } from './aws-chunked.ts'
import {
  checksumAlgorithms,
  checksumBase64,
  md5Base64,
  type ChecksumAlgorithm,
} from './checksums.ts'
import { header, notImplemented, type S3Request } from './context.ts'

/** Checks the body against `x-amz-content-sha256` and removes aws-chunked framing. */
export function payloadOf(request: S3Request): { body: Buffer; trailers: Record<string, string> } {
  const declared = header(request.headers, 'x-amz-content-sha256') ?? 'UNSIGNED-PAYLOAD'
  if (declared === 'UNSIGNED-PAYLOAD') return { body: request.body, trailers: {} }
  if (declared === 'STREAMING-UNSIGNED-PAYLOAD-TRAILER') {
    const decoded = decodeAwsChunked(request.body)
    const decodedLength = header(request.headers, 'x-amz-decoded-content-length')
    if (decodedLength !== undefined && Number(decodedLength) !== decoded.data.length) {
      throw new AwsError(
        'IncompleteBody',
        400,
        'You did not provide the number of bytes specified by the x-amz-decoded-content-length header.',
      )
    }
    return { body: decoded.data, trailers: decoded.trailers }
  }
  if (declared.startsWith('STREAMING-')) throw notImplemented()
  if (!/^[0-9a-f]{64}$/.test(declared) || declared !== sha256Hex(request.body)) {
    throw new AwsError(
      'XAmzContentSHA256Mismatch',
      400,
      "The provided 'x-amz-content-sha256' header does not match what was computed.",
    )
  }
  return { body: request.body, trailers: {} }
}

const checksumBytes: Record<ChecksumAlgorithm, number> = {
  crc32: 4,
  crc32c: 4,
  sha1: 20,
  sha256: 32,
}

function isChecksumShaped(algorithm: ChecksumAlgorithm, value: string): boolean {
  return (
    /^[A-Za-z0-9+/]+={0,2}$/.test(value) &&
    Buffer.from(value, 'base64').length === checksumBytes[algorithm]
  )
}

function givenChecksum(
  request: S3Request,
  trailers: Record<string, string>,
  algorithm: ChecksumAlgorithm,
): string | undefined {
  const name = `x-amz-checksum-${algorithm}`
  return trailers[name] ?? header(request.headers, name)
}

/** Whether the client sent any digest of the body (DeleteObjects requires one). */
export function hasDigest(request: S3Request, trailers: Record<string, string>): boolean {
  return (
    header(request.headers, 'content-md5') !== undefined ||
    checksumAlgorithms.some(
      (algorithm) => givenChecksum(request, trailers, algorithm) !== undefined,
    )
  )
}

/** Verifies every digest sent with the body and returns the body's CRC32 (what is stored). */
export function verifyDigests(
  request: S3Request,
  body: Buffer,
  trailers: Record<string, string>,
): string {
  const contentMd5 = header(request.headers, 'content-md5')
  if (contentMd5 !== undefined) {
    if (!/^[A-Za-z0-9+/]{22}==$/.test(contentMd5)) {
      throw new AwsError('InvalidDigest', 400, 'The Content-MD5 you specified was invalid.')
    }
    if (contentMd5 !== md5Base64(body)) {
      throw new AwsError(
        'BadDigest',
        400,
        'The Content-MD5 you specified did not match what we received.',
      )
    }
  }
  for (const algorithm of checksumAlgorithms) {
    const name = `x-amz-checksum-${algorithm}`
    const given = givenChecksum(request, trailers, algorithm)
    if (given !== undefined && !isChecksumShaped(algorithm, given)) {
      throw new AwsError('InvalidRequest', 400, `Value for ${name} header is invalid.`)
    }
    if (given !== undefined && given !== checksumBase64(algorithm, body)) {
      throw new AwsError(
        'BadDigest',
        400,
        `The ${algorithm.toUpperCase()} you specified did not match the calculated checksum.`,
      )
    }
  }
  return checksumBase64('crc32', body)
}

/** The checksums a client sent (headers or trailers), echoed back as S3 does once verified. */
export function givenChecksums(
  request: S3Request,
  trailers: Record<string, string>,
): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const algorithm of checksumAlgorithms) {
    const given = givenChecksum(request, trailers, algorithm)
    if (given !== undefined) headers[`x-amz-checksum-${algorithm}`] = given
  }
  return headers
}
