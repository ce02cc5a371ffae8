// CORS: the browser app calls the endpoint from another origin, so every answer (errors
// included) carries CORS headers, and preflights are answered.
import type { IncomingMessage } from 'node:http'
import { header } from './incoming.ts'
import type { Reply } from './reply.ts'

const exposedHeaders = [
  'ETag',
  'x-amz-request-id',
  'x-amzn-RequestId',
  'Date',
  'Content-Length',
  'Content-Range',
  'Last-Modified',
  'x-amz-checksum-crc32',
  'x-amz-version-id',
]

export function corsHeaders(request: IncomingMessage): Record<string, string> {
  return {
    'Access-Control-Allow-Origin': header(request, 'origin') ?? '*',
    'Access-Control-Expose-Headers': exposedHeaders.join(', '),
    Vary: 'Origin',
  }
}

export function preflight(request: IncomingMessage): Reply {
  return {
    status: 200,
    headers: {
      'Access-Control-Allow-Methods': 'GET, PUT, HEAD, DELETE, POST',
      'Access-Control-Allow-Headers':
        header(request, 'access-control-request-headers') ??
        'authorization, content-type, x-amz-*, amz-sdk-invocation-id, amz-sdk-request',
      'Access-Control-Max-Age': '3000',
    },
  }
}
