// `npm start`: build the app and serve it on 127.0.0.1 together with what it talks to,
// printing one URL to open.
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { build, preview, type PreviewServer, type Plugin } from 'vite'
import { loadRealDetector } from '../local-aws/label-detector.ts'
import { localDetectorObjects } from '../src/lib/detection/known-objects.ts'
import { LOCAL_DETECTOR_OBJECTS_FILE } from '../src/lib/known-objects-list.ts'
import { startLocalAws, type LocalAppConfig, type LocalAws } from '../local-aws/server.ts'
import { testControlTokenFile, testControlTokenHeader } from './test-control.ts'

export interface StartOptions {
  port: number
  dataDir: string
  fresh: boolean
  skipBuild: boolean
  /** Folder of the built app to serve; absent: Vite's `dist`. */
  outDir?: string
  /**
   * Lets end-to-end tests, which run in another process, take the endpoint down and bring it
   * back: `POST /__test/local-aws/stop` and `POST /__test/local-aws/restart` on the app's server,
   * with the header `x-test-control-token: <token>`. The token is random per start, printed, and
   * written to `<dataDir>/test-control-token` (scripts/test-control.ts). Without this option
   * the routes do not exist.
   */
  testControl?: boolean
  /** Port of the local AWS endpoint; 0 or absent: any free one. */
  localAwsPort?: number
  /** Origins allowed besides the app's own (`--allow-origin`): the bucket's ExtraAllowedOrigins. */
  allowOrigins?: string[]
}

/** The local AWS endpoint behind the app, which tests may take down and bring back. */
export interface LocalAwsControl {
  /** Fixed for the life of the product: a restart listens on the same port. */
  readonly endpoint: string
  readonly config: LocalAppConfig
  readonly running: boolean
  /** Stops answering (connections refused) until `restart`. */
  stop(): Promise<void>
  /** Starts again on the same port with the same data, so the app's config stays valid. */
  restart(): Promise<void>
}

export interface RunningProduct {
  url: string
  server: PreviewServer
  localAws: LocalAwsControl
  /** The token the test-control routes require; undefined without `testControl`. */
  testControlToken?: string
  close(): Promise<void>
}

/** Security headers that mirror the production CloudFront response-headers policy. */
export function localSecurityHeaders(connectSources: string[]): Record<string, string> {
  const csp = [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "img-src 'self' blob: data:",
    `connect-src 'self' ${connectSources.join(' ')}`.trim(),
    "worker-src 'self' blob:",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ')
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'Permissions-Policy': 'camera=(self), microphone=(), geolocation=()',
  }
}

/**
 * What the app server hands the browser. Filled in once the endpoint runs, which starts after
 * the app server because the endpoint's CORS rules need the app's origin.
 */
interface RuntimeSettings {
  config?: LocalAppConfig
  headers: Record<string, string>
}

function serveRuntimeConfig(runtime: RuntimeSettings): Plugin {
  return {
    name: 'image-labels-runtime-config',
    configurePreviewServer(server) {
      server.middlewares.use((req, res, next) => {
        for (const [name, value] of Object.entries(runtime.headers)) res.setHeader(name, value)
        const config = runtime.config
        if (req.url?.split('?')[0] === `/${LOCAL_DETECTOR_OBJECTS_FILE}`) {
          res.setHeader('Content-Type', 'application/json')
          res.end(JSON.stringify(localDetectorObjects()))
          return
        }
        if (req.url?.split('?')[0] === '/config.json') {
          if (config === undefined) {
            res.statusCode = 404
            res.end('no config')
            return
          }
          res.setHeader('Content-Type', 'application/json')
          res.setHeader('Cache-Control', 'no-store')
          res.end(JSON.stringify(config))
          return
        }
        next()
      })
    },
  }
}

async function startLocalAwsControl(
  options: StartOptions,
  appOrigin: string,
): Promise<LocalAwsControl> {
  const dataDir = resolve(options.dataDir)
  if (options.fresh) await rm(dataDir, { recursive: true, force: true })
  await mkdir(dataDir, { recursive: true })
  // Request lines go to a file: the terminal shows only the URL to open.
  const requestLog = createWriteStream(join(dataDir, 'requests.log'), { flags: 'a' })
  const detector = await loadRealDetector()
  const start = (port: number): Promise<LocalAws> =>
    startLocalAws({
      port,
      dataDir,
      detector,
      appOrigins: [appOrigin],
      extraOrigins: options.allowOrigins ?? [],
      log: (line) => requestLog.write(`${line}\n`),
    })
  let current: LocalAws | undefined = await start(options.localAwsPort ?? 0)
  const { endpoint, config, port } = current
  const stop = async (): Promise<void> => {
    const stopping = current
    current = undefined
    await stopping?.close()
  }
  return {
    endpoint,
    config,
    get running() {
      return current !== undefined
    },
    stop,
    async restart() {
      await stop()
      current = await start(port)
    },
  }
}

function sameToken(given: string | string[] | undefined, token: string): boolean {
  if (typeof given !== 'string') return false
  const a = Buffer.from(given)
  const b = Buffer.from(token)
  return a.length === b.length && timingSafeEqual(a, b)
}

function serveTestControl(control: () => LocalAwsControl | undefined, token: string): Plugin {
  const actions: Record<string, (localAws: LocalAwsControl) => Promise<void>> = {
    '/__test/local-aws/stop': (localAws) => localAws.stop(),
    '/__test/local-aws/restart': (localAws) => localAws.restart(),
  }
  return {
    name: 'image-labels-test-control',
    configurePreviewServer(server) {
      server.middlewares.use((req, res, next) => {
        const action = actions[req.url?.split('?')[0] ?? '']
        const localAws = control()
        if (!action || !localAws || req.method !== 'POST') {
          next()
          return
        }
        if (!sameToken(req.headers[testControlTokenHeader], token)) {
          res.statusCode = 403
          res.end('test control needs the token printed at start')
          return
        }
        action(localAws).then(
          () => {
            res.setHeader('Content-Type', 'application/json')
            res.end(JSON.stringify({ running: localAws.running, endpoint: localAws.endpoint }))
          },
          (error: unknown) => {
            res.statusCode = 500
            res.end(error instanceof Error ? error.message : String(error))
          },
        )
      })
    },
  }
}

export async function startProduct(options: StartOptions): Promise<RunningProduct> {
  if (!options.skipBuild) await build({ logLevel: 'warn' })
  const runtime: RuntimeSettings = { headers: {} }
  let localAws: LocalAwsControl | undefined
  const testControlToken = options.testControl ? randomBytes(24).toString('hex') : undefined
  const server = await preview({
    plugins: [
      serveRuntimeConfig(runtime),
      ...(testControlToken ? [serveTestControl(() => localAws, testControlToken)] : []),
    ],
    preview: { host: '127.0.0.1', port: options.port, strictPort: false },
    ...(options.outDir ? { build: { outDir: options.outDir } } : {}),
    logLevel: 'warn',
  })
  const address = server.httpServer.address()
  const port = typeof address === 'object' && address ? address.port : options.port
  const url = `http://127.0.0.1:${port}/`
  try {
    // The app's origin stands for the distribution's domain in the bucket's CORS rules.
    localAws = await startLocalAwsControl(options, new URL(url).origin)
  } catch (error) {
    await server.close()
    throw error
  }
  runtime.config = localAws.config
  runtime.headers = localSecurityHeaders([localAws.endpoint])
  if (testControlToken) {
    await writeFile(join(resolve(options.dataDir), testControlTokenFile), `${testControlToken}\n`, {
      mode: 0o600,
    })
  }
  const running = localAws
  return {
    url,
    server,
    localAws: running,
    ...(testControlToken ? { testControlToken } : {}),
    async close() {
      await server.close()
      await running.stop()
    },
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '4173' },
      data: { type: 'string', default: '.local-aws' },
      fresh: { type: 'boolean', default: false },
      'skip-build': { type: 'boolean', default: false },
      'test-control': { type: 'boolean', default: false },
      'allow-origin': { type: 'string', multiple: true, default: [] },
    },
  })
  const product = await startProduct({
    port: Number(values.port),
    dataDir: values.data,
    fresh: values.fresh,
    skipBuild: values['skip-build'],
    testControl: values['test-control'],
    allowOrigins: values['allow-origin'],
  })
  console.log(`\n  Image Labels is running: ${product.url}\n`)
  if (product.testControlToken) {
    console.log(`  Test control token: ${product.testControlToken}\n`)
  }
  const stop = (): void => {
    void product.close().then(() => process.exit(0))
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await main()
}
