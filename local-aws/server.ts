// The local AWS endpoint: Cognito Identity, S3 and Rekognition DetectLabels on 127.0.0.1, with
// SigV4 verification and the guest role's policy from infra/template.yaml.
import { randomBytes } from 'node:crypto'
import { mkdir } from 'node:fs/promises'
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http'
import type { AddressInfo } from 'node:net'
import { once } from 'node:events'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { writeFileAtomic } from './atomic-file.ts'
import { CognitoService, cognitoOperations } from './cognito.ts'
import { AwsError, type ServiceFamily } from './errors.ts'
import { isAllowed, loadGuestPolicy } from './guest-policy.ts'
import { loadRealDetector, type LabelDetector } from './label-detector.ts'
import { ConcurrencyLimiter, QueueFullError } from './limiter.ts'
import { MultipartUploads } from './multipart.ts'
import { ObjectStore } from './object-store.ts'
import { RekognitionService, maxS3ImageBytes } from './rekognition.ts'
import { maxObjectBytes, S3Service, s3ErrorBody, s3OperationName, type Reply } from './s3.ts'
import { splitUrl, verifySignature } from './sigv4.ts'
import { LocalState, localRegion, type Caller } from './state.ts'

export interface LocalAppConfig {
  region: string
  identityPoolId: string
  imagesBucket: string
  endpoint: string
}

export interface LocalAwsOptions {
  /** 0 or absent: any free port. */
  port?: number
  dataDir: string
  host?: '127.0.0.1'
  log?: (line: string) => void
  /** Absent: the real detector is loaded and warmed up before the endpoint listens. */
  detector?: LabelDetector
  maxConcurrentDetections?: number
  maxQueuedDetections?: number
  /** The endpoint's clock, for tests of expiry and skew. */
  now?: () => Date
}

export interface LocalAws {
  endpoint: string
  port: number
  config: LocalAppConfig
  adminCredentials: { accessKeyId: string; secretAccessKey: string }
  close(): Promise<void>
}

const templatePath = fileURLToPath(new URL('../infra/template.yaml', import.meta.url))
const maxJsonBodyBytes = 16 * 1024 * 1024
const maxCognitoBodyBytes = 64 * 1024
/** Request bodies held at once, all S3 requests together: four of the largest objects. */
const maxBufferedBodyBytes = 4 * (maxObjectBytes + 1024 * 1024)
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

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name]
  return Array.isArray(value) ? value.join(',') : value
}

/**
 * The request's headers with repeats kept apart (Node joins most with ", " and drops some), so
 * that signature checks join them with "," as SigV4 does.
 */
function distinctHeaders(request: IncomingMessage): IncomingHttpHeaders {
  const headers: IncomingHttpHeaders = {}
  for (const [name, values] of Object.entries(request.headersDistinct)) {
    if (values) headers[name] = values.length === 1 ? values[0] : values
  }
  return headers
}

function callerName(caller: Caller | undefined): string {
  if (!caller) return 'anonymous'
  return caller.kind === 'admin' ? 'admin' : caller.identityId
}

/** The whole body, or undefined once it passes `limit` (the rest is then never read). */
async function readBody(request: IncomingMessage, limit: number): Promise<Buffer | undefined> {
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

function credentialsFile(admin: { accessKeyId: string; secretAccessKey: string }): string {
  return [
    '# Local admin key pair of the local AWS endpoint (full access to it, nothing else).',
    '[local]',
    `aws_access_key_id = ${admin.accessKeyId}`,
    `aws_secret_access_key = ${admin.secretAccessKey}`,
    '',
  ].join('\n')
}

export async function startLocalAws(options: LocalAwsOptions): Promise<LocalAws> {
  const now = options.now ?? (() => new Date())
  const log = options.log ?? ((line: string) => console.log(line))
  await mkdir(options.dataDir, { recursive: true })
  const detector = options.detector ?? (await loadRealDetector())
  const state = await LocalState.open(options.dataDir)
  const bucket = state.imagesBucket
  const store = await ObjectStore.open(join(options.dataDir, 'objects', bucket))
  const uploads = await MultipartUploads.open(join(options.dataDir, 'uploads', bucket))
  const guestPolicy = await loadGuestPolicy(templatePath, bucket)

  const authorize = (
    caller: Caller,
    action: string,
    resource: string,
    keys: Record<string, string>,
  ): boolean =>
    caller.kind === 'admin' || isAllowed(guestPolicy, caller.identityId, { action, resource, keys })

  let bufferedBodyBytes = 0
  const s3 = new S3Service({ store, uploads, bucket, now, authorize })
  const cognito = new CognitoService(state, now)
  // Admission is decided when a request arrives, before its body is read: a burst that lands
  // while the detector holds the event loop is then still refused, and queued bodies stay few.
  const detections = new ConcurrencyLimiter(
    options.maxConcurrentDetections ?? 2,
    options.maxQueuedDetections ?? 8,
  )
  const rekognition = new RekognitionService({
    detector,
    async readObjectAs(caller, objectBucket, key) {
      if (objectBucket !== bucket) return undefined
      if (!authorize(caller, 's3:GetObject', `arn:aws:s3:::${bucket}/${key}`, {})) return undefined
      const record = store.get(key)
      if (!record) return undefined
      if (record.size > maxS3ImageBytes) return 'too-large'
      return store.read(record)
    },
  })

  async function handleJson(
    request: IncomingMessage,
    context: { operation: string; caller?: Caller },
  ): Promise<Reply> {
    const target = header(request, 'x-amz-target') ?? ''
    const [service = '', operation = ''] = target.split('.')
    context.operation = operation || target
    const known =
      (service === 'AWSCognitoIdentityService' && cognitoOperations.includes(operation)) ||
      (service === 'RekognitionService' && operation === 'DetectLabels')
    if (!known) {
      throw new AwsError('UnknownOperationException', 400, `Unknown operation ${target}`)
    }
    if (service === 'RekognitionService') {
      try {
        return await detections.run(() => handleJsonCall(request, service, operation, context))
      } catch (error) {
        if (!(error instanceof QueueFullError)) throw error
        // Read the refused body to its end, so the client gets the answer, not a reset.
        request.resume()
        await once(request, 'end')
        throw new AwsError('ThrottlingException', 400, 'Rate exceeded')
      }
    }
    return handleJsonCall(request, service, operation, context)
  }

  async function handleJsonCall(
    request: IncomingMessage,
    service: string,
    operation: string,
    context: { operation: string; caller?: Caller },
  ): Promise<Reply> {
    const limit = service === 'RekognitionService' ? maxJsonBodyBytes : maxCognitoBodyBytes
    const tooLarge =
      service === 'RekognitionService'
        ? new AwsError('ImageTooLargeException', 400, 'Request body is too large.')
        : new AwsError('SerializationException', 400, 'Request body is too large.')
    if (Number(header(request, 'content-length') ?? 0) > limit) throw tooLarge
    const body = await readBody(request, limit)
    if (!body) throw tooLarge
    let caller: Caller | undefined
    if (service === 'RekognitionService') {
      const credential = await verifySignature(
        {
          method: request.method ?? 'POST',
          rawUrl: request.url ?? '/',
          headers: distinctHeaders(request),
          body,
          service: 'rekognition',
        },
        (key) => state.findCredential(key),
        now(),
      )
      caller = credential.caller
      context.caller = caller
      if (!authorize(caller, `rekognition:${operation}`, '*', {})) {
        const who = caller.kind === 'admin' ? 'admin' : caller.identityId
        throw new AwsError(
          'AccessDeniedException',
          400,
          `User: ${who} is not authorized to perform: rekognition:${operation}`,
        )
      }
    }
    let parsed: unknown
    try {
      parsed = JSON.parse(body.length === 0 ? '{}' : body.toString('utf8'))
    } catch {
      throw new AwsError('SerializationException', 400, 'Malformed JSON in the request body.')
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new AwsError(
        'SerializationException',
        400,
        'Expected a JSON object as the request body.',
      )
    }
    const input = parsed as Record<string, unknown>
    let result: Record<string, unknown>
    if (caller) {
      result = await rekognition.detectLabels(caller, input)
    } else {
      const answer = await cognito.handle(operation, input, {
        method: request.method ?? 'POST',
        rawUrl: request.url ?? '/',
        headers: distinctHeaders(request),
        body,
      })
      result = answer.result
      if (answer.caller) context.caller = answer.caller
    }
    return {
      status: 200,
      headers: { 'Content-Type': 'application/x-amz-json-1.1' },
      body: JSON.stringify(result),
    }
  }

  async function handleS3(
    request: IncomingMessage,
    context: { operation: string; caller?: Caller },
  ): Promise<Reply> {
    const rawUrl = request.url ?? '/'
    context.operation = s3OperationName(request.method ?? 'GET', rawUrl)
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
    // Room for aws-chunked framing on top of the largest object.
    const limit = maxObjectBytes + 1024 * 1024
    if (declaredLength > limit) {
      throw new AwsError(
        'EntityTooLarge',
        400,
        'Your proposed upload exceeds the maximum allowed size',
      )
    }
    // Bodies are held in memory until verified: all of them together stay under a budget, and a
    // request past it is told to slow down (503 SlowDown, which SDKs retry) before it is read.
    const streamed = header(request, 'transfer-encoding') !== undefined
    const reserved = contentLength !== undefined ? declaredLength : streamed ? limit : 0
    if (bufferedBodyBytes + reserved > maxBufferedBodyBytes) {
      throw new AwsError('SlowDown', 503, 'Please reduce your request rate.')
    }
    bufferedBodyBytes += reserved
    try {
      return await verifiedS3(request, rawUrl, context, limit)
    } finally {
      bufferedBodyBytes -= reserved
    }
  }

  async function verifiedS3(
    request: IncomingMessage,
    rawUrl: string,
    context: { operation: string; caller?: Caller },
    limit: number,
  ): Promise<Reply> {
    const body = await readBody(request, limit)
    if (!body) {
      throw new AwsError(
        'EntityTooLarge',
        400,
        'Your proposed upload exceeds the maximum allowed size',
      )
    }
    const credential = await verifySignature(
      {
        method: request.method ?? 'GET',
        rawUrl,
        headers: distinctHeaders(request),
        body,
        service: 's3',
      },
      (key) => state.findCredential(key),
      now(),
    )
    context.caller = credential.caller
    return s3.handle({
      method: request.method ?? 'GET',
      rawUrl,
      headers: request.headers,
      body,
      caller: credential.caller,
    })
  }

  function corsHeaders(request: IncomingMessage): Record<string, string> {
    return {
      'Access-Control-Allow-Origin': header(request, 'origin') ?? '*',
      'Access-Control-Expose-Headers': exposedHeaders.join(', '),
      Vary: 'Origin',
    }
  }

  function preflight(request: IncomingMessage): Reply {
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

  function errorReply(error: unknown, family: ServiceFamily, requestId: string): Reply {
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

  async function respond(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const started = performance.now()
    const requestId = randomBytes(8).toString('hex').toUpperCase()
    const method = request.method ?? 'GET'
    const { rawPath } = splitUrl(request.url ?? '/')
    const isJson =
      method === 'POST' && rawPath === '/' && header(request, 'x-amz-target') !== undefined
    const family: ServiceFamily = isJson ? 'json' : 's3'
    const context: { operation: string; caller?: Caller } = { operation: 'Unknown' }
    let reply: Reply
    try {
      if (method === 'OPTIONS') {
        context.operation = 'Preflight'
        reply = preflight(request)
      } else {
        reply = isJson ? await handleJson(request, context) : await handleS3(request, context)
      }
    } catch (error) {
      reply = errorReply(error, family, requestId)
    }
    const headers: Record<string, string> = {
      ...corsHeaders(request),
      'x-amz-request-id': requestId,
      'x-amzn-RequestId': requestId,
      'x-amz-id-2': requestId,
      ...reply.headers,
    }
    const body = method === 'HEAD' ? undefined : reply.body
    if (!('Content-Length' in headers)) {
      headers['Content-Length'] = String(body === undefined ? 0 : Buffer.byteLength(body))
    }
    if (!request.complete) {
      // The body was not read (an early refusal): close rather than read a large upload.
      headers.Connection = 'close'
    }
    response.writeHead(reply.status, headers)
    response.end(body)
    const elapsed = Math.round(performance.now() - started)
    log(
      `${method} ${context.operation} caller=${callerName(context.caller)} ${reply.status} ${elapsed}ms`,
    )
  }

  // Room for keys well past S3's 1024 bytes once percent-encoded, so they get KeyTooLongError.
  const server = createServer({ maxHeaderSize: 64 * 1024 }, (request, response) => {
    respond(request, response).catch((error: unknown) => {
      log(`response failed: ${error instanceof Error ? error.message : String(error)}`)
      response.destroy()
    })
  })
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    // An unparseable request still gets an HTTP answer when the socket can take one.
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400
    // Other errors (a reset, a timeout) have no one left to answer.
    if (!error.code?.startsWith('HPE_')) {
      socket.destroy()
      return
    }
    if (socket.writable) {
      const reason = status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'
      socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
    } else {
      socket.destroy()
    }
    log(`UNPARSED BadRequest caller=anonymous ${status} 0ms`)
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  const endpoint = `http://127.0.0.1:${port}`
  const config: LocalAppConfig = {
    region: localRegion,
    identityPoolId: state.identityPoolId,
    imagesBucket: bucket,
    endpoint,
  }
  await writeFileAtomic(
    join(options.dataDir, 'config.json'),
    `${JSON.stringify(config, null, 2)}\n`,
  )
  await writeFileAtomic(join(options.dataDir, 'credentials'), credentialsFile(state.admin))
  await writeFileAtomic(
    join(options.dataDir, 'aws-config'),
    `[profile local]\nregion = ${localRegion}\n`,
  )
  return {
    endpoint,
    port,
    config,
    adminCredentials: state.admin,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      }),
  }
}
