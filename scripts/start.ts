// `npm start`: build the app and serve it on 127.0.0.1 together with what it talks to,
// printing one URL to open.
import { parseArgs } from 'node:util'
import { build, preview, type PreviewServer, type Plugin } from 'vite'

export interface StartOptions {
  port: number
  dataDir: string
  fresh: boolean
  skipBuild: boolean
}

export interface RunningProduct {
  url: string
  server: PreviewServer
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

function serveRuntimeConfig(config: unknown, headers: Record<string, string>): Plugin {
  return {
    name: 'image-labels-runtime-config',
    configurePreviewServer(server) {
      server.middlewares.use((req, res, next) => {
        for (const [name, value] of Object.entries(headers)) res.setHeader(name, value)
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

export async function startProduct(options: StartOptions): Promise<RunningProduct> {
  if (!options.skipBuild) await build({ logLevel: 'warn' })
  const config: unknown = undefined
  const connectSources: string[] = []
  const server = await preview({
    plugins: [serveRuntimeConfig(config, localSecurityHeaders(connectSources))],
    preview: { host: '127.0.0.1', port: options.port, strictPort: false },
    logLevel: 'warn',
  })
  const address = server.httpServer.address()
  const port = typeof address === 'object' && address ? address.port : options.port
  const url = `http://127.0.0.1:${port}/`
  return {
    url,
    server,
    async close() {
      await server.close()
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
    },
  })
  const product = await startProduct({
    port: Number(values.port),
    dataDir: values.data,
    fresh: values.fresh,
    skipBuild: values['skip-build'],
  })
  console.log(`\n  Image Labels is running: ${product.url}\n`)
  const stop = (): void => {
    void product.close().then(() => process.exit(0))
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await main()
}
