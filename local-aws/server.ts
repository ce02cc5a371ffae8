// The local AWS endpoint: Cognito Identity, S3 and Rekognition DetectLabels on 127.0.0.1, with
// SigV4 verification and the guest role's policy from infra/template.yaml. This file starts it:
// it opens the data dir, wires the services, routes each request to its protocol, listens, and
// writes the files clients read (config.json, credentials, aws-config).
import { randomBytes } from 'node:crypto'
import { mkdir } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { writeFileAtomic } from './atomic-file.ts'
import { CognitoService } from './cognito.ts'
import { bucketCorsRules, createCors } from './cors.ts'
import type { ServiceFamily } from './errors.ts'
import { guestPolicyOf, isAllowed } from './guest-policy.ts'
import { header } from './incoming.ts'
import { createJsonProtocol } from './json-protocol.ts'
import { loadRealDetector, type LabelDetector } from './label-detector.ts'
import { ConcurrencyLimiter } from './limiter.ts'
import { ObjectStore } from './object-store.ts'
import { errorReply, logLine, sendReply, type Reply, type RequestLog } from './reply.ts'
import { RekognitionService, maxS3ImageBytes } from './rekognition.ts'
import { MultipartUploads } from './s3/multipart-store.ts'
import { S3Service } from './s3/router.ts'
import { createS3Admission } from './s3-admission.ts'
import { LocalState, localRegion, type Caller } from './state.ts'
import { readLocalTemplate } from './template.ts'
import { splitUrl } from './url.ts'

export interface LocalAppConfig {
  region: string
  identityPoolId: string
  imagesBucket: string
  endpoint: string
  /** Tells the app its labels come from the local COCO detector, not Rekognition. */
  detector: 'local'
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
  /**
   * Origins the app is served on (`npm start`'s URL, the end-to-end server's): they stand for
   * the distribution's domain in the images bucket's CORS rules. Absent: no app origin.
   */
  appOrigins?: string[]
  /** More origins to allow (`--allow-origin`): the template's `ExtraAllowedOrigins`. */
  extraOrigins?: string[]
  /** The CloudFormation template whose guest policy and CORS rules apply; tests pass others. */
  templatePath?: string
}

export interface LocalAws {
  endpoint: string
  port: number
  config: LocalAppConfig
  adminCredentials: { accessKeyId: string; secretAccessKey: string }
  close(): Promise<void>
}

const projectTemplatePath = fileURLToPath(new URL('../infra/template.yaml', import.meta.url))

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
  const template = await readLocalTemplate(options.templatePath ?? projectTemplatePath, {
    bucket,
    parameters: { ExtraAllowedOrigins: (options.extraOrigins ?? []).join(',') },
  })
  // Both fail the start on what they cannot enforce as AWS would.
  const guestPolicy = guestPolicyOf(template)
  const cors = createCors(bucketCorsRules(template, options.appOrigins ?? []), bucket)

  const authorize = (
    caller: Caller,
    action: string,
    resource: string,
    keys: Record<string, string>,
  ): boolean =>
    caller.kind === 'admin' || isAllowed(guestPolicy, caller.identityId, { action, resource, keys })
  const findCredential = (key: string) => state.findCredential(key)

  const handleS3 = createS3Admission({
    s3: new S3Service({ store, uploads, bucket, now, authorize }),
    findCredential,
    now,
  })
  const handleJson = createJsonProtocol({
    cognito: new CognitoService(state, now),
    rekognition: new RekognitionService({
      detector,
      async readObjectAs(caller, objectBucket, key) {
        if (objectBucket !== bucket) return undefined
        if (!authorize(caller, 's3:GetObject', `arn:aws:s3:::${bucket}/${key}`, {})) {
          return undefined
        }
        const record = store.get(key)
        if (!record) return undefined
        if (record.size > maxS3ImageBytes) return 'too-large'
        return store.read(record)
      },
    }),
    // Admission is decided when a request arrives, before its body is read: a burst that lands
    // while the detector holds the event loop is then still refused, and queued bodies stay few.
    detections: new ConcurrencyLimiter(
      options.maxConcurrentDetections ?? 2,
      options.maxQueuedDetections ?? 8,
    ),
    findCredential,
    now,
    authorize,
  })

  async function respond(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const started = performance.now()
    const requestId = randomBytes(8).toString('hex').toUpperCase()
    const method = request.method ?? 'GET'
    const { rawPath } = splitUrl(request.url ?? '/')
    const isJson =
      method === 'POST' && rawPath === '/' && header(request, 'x-amz-target') !== undefined
    const family: ServiceFamily = isJson ? 'json' : 's3'
    const entry: RequestLog = { operation: 'Unknown' }
    let reply: Reply
    try {
      if (method === 'OPTIONS') {
        entry.operation = 'Preflight'
        reply = cors.preflight(request)
      } else {
        reply = isJson ? await handleJson(request, entry) : await handleS3(request, entry)
      }
    } catch (error) {
      reply = errorReply(error, family, requestId, log)
    }
    // A preflight's answer carries its own CORS headers (a refused one, none).
    const corsHeaders = method === 'OPTIONS' ? {} : cors.responseHeaders(request, family)
    sendReply(request, response, reply, requestId, corsHeaders)
    log(logLine(method, entry, reply.status, Math.round(performance.now() - started)))
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
    detector: 'local',
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
