// Requests as an attacker sends them: signed with the SDK's signer under any scope, then sent
// through node:http, which (unlike fetch) keeps `..` and `.` path segments, repeated headers
// and a Host that differs from the one signed.
import { createHash, createHmac } from 'node:crypto'
import { request as httpRequest, type OutgoingHttpHeaders } from 'node:http'
import { connect } from 'node:net'
import { SignatureV4 } from '@smithy/signature-v4'
import type { AwsCredentialIdentity } from '@smithy/types'
import { NodeSha256 } from '../../local-aws/sha256.ts'

export interface RawReply {
  status: number
  code: string | undefined
  headers: Record<string, string | string[] | undefined>
  body: Buffer
}

export function errorCode(text: string): string | undefined {
  return (
    /<Code>([^<]+)<\/Code>/.exec(text)?.[1] ??
    (text.startsWith('{') ? (JSON.parse(text) as { __type?: string }).__type : undefined)
  )
}

export function send(
  endpoint: string,
  options: { method: string; path: string; headers?: OutgoingHttpHeaders; body?: Uint8Array },
): Promise<RawReply> {
  const url = new URL(endpoint)
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method: options.method,
        path: options.path,
        headers: options.headers,
        setHost: options.headers?.host === undefined,
      },
      (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () => {
          const body = Buffer.concat(chunks)
          resolve({
            status: response.statusCode ?? 0,
            code: errorCode(body.toString('utf8')),
            headers: response.headers,
            body,
          })
        })
      },
    )
    outgoing.on('error', reject)
    outgoing.end(options.body)
  })
}

export interface SignOptions {
  endpoint: string
  method: string
  /** Exactly as it goes on the wire (percent-encoded, dot segments kept). */
  path: string
  query?: Record<string, string>
  headers?: Record<string, string>
  body?: Uint8Array
  credentials: AwsCredentialIdentity
  service: string
  region?: string
  signingDate?: Date
  unsignableHeaders?: Set<string>
  signableHeaders?: Set<string>
}

function signer(options: SignOptions): SignatureV4 {
  return new SignatureV4({
    credentials: options.credentials,
    region: options.region ?? 'us-east-1',
    service: options.service,
    sha256: NodeSha256,
    uriEscapePath: false,
  })
}

function baseRequest(options: SignOptions) {
  const url = new URL(options.endpoint)
  return {
    method: options.method,
    protocol: 'http:',
    hostname: url.hostname,
    port: Number(url.port),
    path: options.path,
    query: options.query ?? {},
    headers: { host: url.host, ...options.headers },
    body: options.body,
  }
}

function withQuery(path: string, query: Record<string, unknown> | undefined): string {
  const entries = Object.entries(query ?? {})
  if (entries.length === 0) return path
  const encode = (text: string) =>
    encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16)}`)
  return `${path}?${entries.map(([name, value]) => `${encode(name)}=${encode(String(value))}`).join('&')}`
}

/** Signs with the Authorization header; returns the path and headers to send. */
export async function signHeaders(
  options: SignOptions,
): Promise<{ path: string; headers: Record<string, string> }> {
  const signed = await signer(options).sign(baseRequest(options), {
    signingDate: options.signingDate ?? new Date(),
    ...(options.unsignableHeaders ? { unsignableHeaders: options.unsignableHeaders } : {}),
    ...(options.signableHeaders ? { signableHeaders: options.signableHeaders } : {}),
  })
  return { path: withQuery(options.path, options.query), headers: signed.headers }
}

/** Presigns; returns the path with its query. */
export async function presignPath(options: SignOptions & { expiresIn: number }): Promise<string> {
  // As S3 presigners do: the payload is UNSIGNED-PAYLOAD, and the header stays off the URL.
  const payload = 'x-amz-content-sha256'
  const request = baseRequest(options)
  const presigned = await signer(options).presign(
    { ...request, headers: { ...request.headers, [payload]: 'UNSIGNED-PAYLOAD' } },
    {
      signingDate: options.signingDate ?? new Date(),
      expiresIn: options.expiresIn,
      unsignableHeaders: new Set([payload]),
      unhoistableHeaders: new Set([payload]),
    },
  )
  return withQuery(options.path, presigned.query)
}

function hmac(key: Uint8Array | string, text: string): Buffer {
  return createHmac('sha256', key).update(text, 'utf8').digest()
}

/**
 * Signs by hand (node:crypto, not the SDK) with the HTTP `Date` header and no `X-Amz-Date`, as
 * SigV4 allows: the SDK's signer always writes `X-Amz-Date` itself.
 */
export function signWithDateHeader(options: {
  endpoint: string
  method: string
  path: string
  credentials: AwsCredentialIdentity
  date: Date
}): Record<string, string> {
  const host = new URL(options.endpoint).host
  const longDate = options.date.toISOString().replace(/[-:]|\.\d{3}/g, '')
  const shortDate = longDate.slice(0, 8)
  const headers: Record<string, string> = {
    date: options.date.toUTCString(),
    host,
    'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
  }
  const names = Object.keys(headers).sort()
  const canonicalRequest = [
    options.method,
    options.path,
    '',
    ...names.map((name) => `${name}:${headers[name]}`),
    '',
    names.join(';'),
    'UNSIGNED-PAYLOAD',
  ].join('\n')
  const scope = `${shortDate}/us-east-1/s3/aws4_request`
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    longDate,
    scope,
    createHash('sha256').update(canonicalRequest).digest('hex'),
  ].join('\n')
  let key = hmac(`AWS4${options.credentials.secretAccessKey}`, shortDate)
  for (const part of ['us-east-1', 's3', 'aws4_request']) key = hmac(key, part)
  const signature = createHmac('sha256', key).update(stringToSign).digest('hex')
  return {
    ...headers,
    authorization: `AWS4-HMAC-SHA256 Credential=${options.credentials.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`,
  }
}

/**
 * Sends only the head of a request (its body never follows) and returns what the server
 * answers meanwhile, or closes the socket after `abortAfterMs` with the body cut short.
 */
export function sendHeadOnly(
  endpoint: string,
  head: string,
  partialBody: Uint8Array = new Uint8Array(),
  abortAfterMs = 2000,
): Promise<{ response: string; aborted: boolean }> {
  const url = new URL(endpoint)
  return new Promise((resolve) => {
    const socket = connect(Number(url.port), url.hostname)
    let response = ''
    const timer = setTimeout(() => {
      socket.destroy()
      resolve({ response, aborted: true })
    }, abortAfterMs)
    socket.on('connect', () => {
      socket.write(head)
      socket.write(partialBody)
    })
    socket.on('data', (chunk: Buffer) => (response += chunk.toString('latin1')))
    socket.on('close', () => {
      clearTimeout(timer)
      resolve({ response, aborted: false })
    })
    socket.on('error', () => undefined)
  })
}
