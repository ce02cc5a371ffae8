// Admission of S3 bodies. S3 bodies are held in memory until their signature and digests are
// verified, so their size is decided before they are read: a declared length past the object
// limit is `EntityTooLarge`, an upload of unknown length `MissingContentLength`, and all bodies
// in flight together stay within a budget (four of the largest), past which a request is told
// `503 SlowDown` (which the SDKs and CLIs retry) before any of it is read.
import type { IncomingMessage } from 'node:http'
import { AwsError } from './errors.ts'
import { distinctHeaders, header, readBody } from './incoming.ts'
import type { Reply, RequestLog } from './reply.ts'
import { entityTooLarge, maxObjectBytes } from './s3/context.ts'
import { s3OperationName, type S3Service } from './s3/router.ts'
import { verifySignature, type CredentialLookup } from './sigv4.ts'

/** The largest S3 body: the largest object plus room for aws-chunked framing. */
export const maxS3BodyBytes = maxObjectBytes + 1024 * 1024
/** Request bodies held at once, all S3 requests together: four of the largest objects. */
export const maxBufferedBodyBytes = 4 * maxS3BodyBytes

export interface S3AdmissionDeps {
  s3: S3Service
  findCredential: CredentialLookup
  now(): Date
}

export function createS3Admission(
  deps: S3AdmissionDeps,
): (request: IncomingMessage, log: RequestLog) => Promise<Reply> {
  let bufferedBodyBytes = 0

  async function verified(
    request: IncomingMessage,
    rawUrl: string,
    log: RequestLog,
  ): Promise<Reply> {
    const body = await readBody(request, maxS3BodyBytes)
    if (!body) throw entityTooLarge()
    const method = request.method ?? 'GET'
    const credential = await verifySignature(
      { method, rawUrl, headers: distinctHeaders(request), body, service: 's3' },
      deps.findCredential,
      deps.now(),
    )
    log.caller = credential.caller
    return deps.s3.handle({
      method,
      rawUrl,
      headers: request.headers,
      body,
      caller: credential.caller,
    })
  }

  return async (request, log) => {
    const rawUrl = request.url ?? '/'
    log.operation = s3OperationName(request.method ?? 'GET', rawUrl)
    const contentLength = header(request, 'content-length')
    const decodedLength = header(request, 'x-amz-decoded-content-length')
    if (request.method === 'PUT' && contentLength === undefined && decodedLength === undefined) {
      // S3 will not take an upload of unknown length (plain `Transfer-Encoding: chunked`).
      throw new AwsError(
        'MissingContentLength',
        411,
        'You must provide the Content-Length HTTP header.',
      )
    }
    const declaredLength = Math.max(Number(contentLength ?? 0), Number(decodedLength ?? 0))
    if (declaredLength > maxS3BodyBytes) throw entityTooLarge()
    const streamed = header(request, 'transfer-encoding') !== undefined
    const reserved = contentLength !== undefined ? declaredLength : streamed ? maxS3BodyBytes : 0
    if (bufferedBodyBytes + reserved > maxBufferedBodyBytes) {
      throw new AwsError('SlowDown', 503, 'Please reduce your request rate.')
    }
    bufferedBodyBytes += reserved
    try {
      return await verified(request, rawUrl, log)
    } finally {
      bufferedBodyBytes -= reserved
    }
  }
}
