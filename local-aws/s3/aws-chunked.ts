// Decodes the `aws-chunked` framing the JS SDK uses for stream bodies:
// `hexlen[;chunk-signature=…]\r\n data \r\n … 0\r\n trailer-name:value\r\n \r\n`.
import { AwsError } from '../errors.ts'

export interface DecodedChunks {
  data: Buffer
  trailers: Record<string, string>
}

function malformed(): AwsError {
  return new AwsError('IncompleteBody', 400, 'The request body is not valid aws-chunked encoding.')
}

function lineEnd(body: Buffer, from: number): number {
  const end = body.indexOf('\r\n', from, 'latin1')
  if (end < 0) throw malformed()
  return end
}

export function decodeAwsChunked(body: Buffer): DecodedChunks {
  const parts: Buffer[] = []
  let position = 0
  for (;;) {
    const end = lineEnd(body, position)
    const header = body.toString('latin1', position, end)
    const size = Number.parseInt(header.split(';')[0] ?? '', 16)
    if (!Number.isInteger(size) || size < 0) throw malformed()
    position = end + 2
    if (size === 0) break
    if (position + size + 2 > body.length) throw malformed()
    parts.push(body.subarray(position, position + size))
    position += size
    if (body.toString('latin1', position, position + 2) !== '\r\n') throw malformed()
    position += 2
  }
  const trailers: Record<string, string> = {}
  while (position < body.length) {
    const end = lineEnd(body, position)
    const line = body.toString('latin1', position, end)
    position = end + 2
    if (line === '') break
    const colon = line.indexOf(':')
    if (colon <= 0) throw malformed()
    trailers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
  }
  return { data: Buffer.concat(parts), trailers }
}
