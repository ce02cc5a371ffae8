// Reading an incoming request: its headers as signatures need them, and its body within a limit.
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http'
import { AwsError } from './errors.ts'

export function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name]
  return Array.isArray(value) ? value.join(',') : value
}

/**
 * The request's headers with repeats kept apart (Node joins most with ", " and drops some), so
 * that signature checks join them with "," as SigV4 does.
 */
export function distinctHeaders(request: IncomingMessage): IncomingHttpHeaders {
  const headers: IncomingHttpHeaders = {}
  for (const [name, values] of Object.entries(request.headersDistinct)) {
    if (values) headers[name] = values.length === 1 ? values[0] : values
  }
  return headers
}

/** The whole body, or undefined once it passes `limit` (the rest is then never read). */
export async function readBody(
  request: IncomingMessage,
  limit: number,
): Promise<Buffer | undefined> {
  const chunks: Buffer[] = []
  let size = 0
  try {
    for await (const chunk of request as AsyncIterable<Buffer>) {
      size += chunk.length
      if (size > limit) return undefined
      chunks.push(chunk)
    }
  } catch {
    // The client went away mid-body: nothing of it is kept, and no one is left to answer.
    throw new AwsError(
      'IncompleteBody',
      400,
      'You did not provide the number of bytes specified by the Content-Length HTTP header.',
    )
  }
  return Buffer.concat(chunks)
}
