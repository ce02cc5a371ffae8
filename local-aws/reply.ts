// How every answer leaves the endpoint: errors written as each protocol writes them (S3's XML,
// the JSON services' `__type`), the request id and CORS headers added, HEAD bodies dropped,
// and one log line per request.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { AwsError, type ServiceFamily } from './errors.ts'
import { s3ErrorBody } from './s3/xml.ts'
import type { Caller } from './state.ts'

export interface Reply {
  status: number
  headers: Record<string, string>
  body?: Buffer | string
}

/** What the log line says about a request, filled in as its handling learns it. */
export interface RequestLog {
  operation: string
  caller?: Caller
}

export function callerName(caller: Caller | undefined): string {
  if (!caller) return 'anonymous'
  return caller.kind === 'admin' ? 'admin' : caller.identityId
}

export function errorReply(
  error: unknown,
  family: ServiceFamily,
  requestId: string,
  log: (line: string) => void,
): Reply {
  const awsError =
    error instanceof AwsError
      ? error
      : new AwsError(
          family === 's3' ? 'InternalError' : 'InternalServerError',
          500,
          'We encountered an internal error. Please try again.',
        )
  if (!(error instanceof AwsError)) {
    log(`internal error ${requestId}: ${error instanceof Error ? error.message : String(error)}`)
  }
  if (family === 's3') {
    return {
      status: awsError.status,
      headers: { 'Content-Type': 'application/xml' },
      body: s3ErrorBody(awsError, requestId),
    }
  }
  return {
    status: awsError.status,
    headers: { 'Content-Type': 'application/x-amz-json-1.1', 'x-amzn-ErrorType': awsError.code },
    body: JSON.stringify({ __type: awsError.code, message: awsError.message }),
  }
}

/** Writes the reply with the request id (under the names S3 and the JSON services use). */
export function sendReply(
  request: IncomingMessage,
  response: ServerResponse,
  reply: Reply,
  requestId: string,
  corsHeaders: Record<string, string>,
): void {
  const headers: Record<string, string> = {
    ...corsHeaders,
    'x-amz-request-id': requestId,
    'x-amzn-RequestId': requestId,
    'x-amz-id-2': requestId,
    ...reply.headers,
  }
  const body = request.method === 'HEAD' ? undefined : reply.body
  if (!('Content-Length' in headers)) {
    headers['Content-Length'] = String(body === undefined ? 0 : Buffer.byteLength(body))
  }
  if (!request.complete) {
    // The body was not read (an early refusal): close rather than read a large upload.
    headers.Connection = 'close'
  }
  response.writeHead(reply.status, headers)
  response.end(body)
}

export function logLine(method: string, entry: RequestLog, status: number, ms: number): string {
  return `${method} ${entry.operation} caller=${callerName(entry.caller)} ${status} ${ms}ms`
}
