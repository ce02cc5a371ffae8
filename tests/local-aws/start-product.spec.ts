// `npm start` wiring: the app server hands the browser the endpoint's config and allows it in
// the CSP, the endpoint's CORS allows the app's origin, and tests holding the printed token (and
// only with --test-control) can take the endpoint down and bring it back on the same port.
import { access, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startProduct, type RunningProduct } from '../../scripts/start.ts'
import { testControlTokenFile, testControlTokenHeader } from '../../scripts/test-control.ts'
import type { LocalAppConfig } from '../../local-aws/server.ts'
import { parseKnownObjects } from '../../src/lib/known-objects-list.ts'
import { newGuest } from './helpers.ts'

describe('startProduct with the local endpoint (real detector)', () => {
  let dataDir: string
  let product: RunningProduct

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'local-aws-start-'))
    await mkdir(join(dataDir, 'data'), { recursive: true })
    await writeFile(join(dataDir, 'data', 'stale-file'), 'wiped by --fresh')
    // A stand-in for the built app, so this runs before (and without) `vite build`.
    const outDir = join(dataDir, 'app')
    await mkdir(outDir, { recursive: true })
    await writeFile(join(outDir, 'index.html'), '<!doctype html><title>Image Labels</title>')
    product = await startProduct({
      port: 0,
      dataDir: join(dataDir, 'data'),
      fresh: true,
      skipBuild: true,
      outDir,
      testControl: true,
    })
  })
  afterAll(async () => {
    await product.close()
    await rm(dataDir, { recursive: true, force: true })
  })

  it('wipes the data dir when started fresh, and serves the app', async () => {
    await expect(access(join(dataDir, 'data', 'stale-file'))).rejects.toThrow()
    expect(await (await fetch(product.url)).text()).toContain('Image Labels')
  })

  it('serves config.json from the endpoint and allows the endpoint in connect-src', async () => {
    const response = await fetch(new URL('config.json', product.url))
    const config = (await response.json()) as LocalAppConfig
    expect(config).toEqual(product.localAws.config)
    expect(config.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const csp = response.headers.get('content-security-policy') ?? ''
    expect(csp).toMatch(new RegExp(`connect-src [^;]*${config.endpoint.replace(/\./g, '\\.')}`))
  })

  it('says the labels come from the local detector and serves the list of what it knows', async () => {
    const config = (await (
      await fetch(new URL('config.json', product.url))
    ).json()) as LocalAppConfig
    expect(config.detector).toBe('local')
    const response = await fetch(new URL('local-detector-objects.json', product.url))
    expect(response.headers.get('content-type')).toContain('application/json')
    const groups = parseKnownObjects(await response.json())
    expect(groups?.flatMap((group) => group.names)).toHaveLength(80)
  })

  it('stops the endpoint and restarts it on the same port with the same state', async () => {
    const { config } = product.localAws
    const guest = await newGuest({
      config,
      endpoint: config.endpoint,
      port: 0,
      adminCredentials: { accessKeyId: '', secretAccessKey: '' },
      close: () => Promise.resolve(),
    })
    const key = `u/${guest.identityId}/before.txt`
    await guest.s3.send(new PutObjectCommand({ Bucket: config.imagesBucket, Key: key, Body: 'x' }))

    await product.localAws.stop()
    expect(product.localAws.running).toBe(false)
    await expect(fetch(`${config.endpoint}/`)).rejects.toThrow()

    await product.localAws.restart()
    expect(product.localAws.running).toBe(true)
    expect(product.localAws.endpoint).toBe(config.endpoint)
    const listed = await guest.s3.send(
      new ListObjectsV2Command({ Bucket: config.imagesBucket, Prefix: `u/${guest.identityId}/` }),
    )
    expect(listed.Contents?.map((entry) => entry.Key)).toEqual([key])
  })

  it("allows the app's own origin in the bucket's CORS rules", async () => {
    const { endpoint, imagesBucket } = product.localAws.config
    const origin = new URL(product.url).origin
    const preflight = (from: string) =>
      fetch(`${endpoint}/${imagesBucket}/u/x/photo.jpg`, {
        method: 'OPTIONS',
        headers: { origin: from, 'access-control-request-method': 'PUT' },
      })
    const allowed = await preflight(origin)
    expect(allowed.status).toBe(200)
    expect(allowed.headers.get('access-control-allow-origin')).toBe(origin)
    expect((await preflight('http://127.0.0.1:1')).status).toBe(403)
  })

  it('makes a random token and leaves it in the data dir for tests in another process', async () => {
    const token = product.testControlToken ?? ''
    expect(token).toMatch(/^[0-9a-f]{48}$/)
    expect((await readFile(join(dataDir, 'data', testControlTokenFile), 'utf8')).trim()).toBe(token)
  })

  it('refuses test control without the token, and leaves the endpoint running', async () => {
    const attempts: Record<string, string>[] = [{}, { [testControlTokenHeader]: 'not-the-token' }]
    for (const headers of attempts) {
      const response = await fetch(new URL('__test/local-aws/stop', product.url), {
        method: 'POST',
        headers,
      })
      expect(response.status).toBe(403)
    }
    expect(product.localAws.running).toBe(true)
  })

  it('lets a test in another process stop and restart the endpoint over HTTP', async () => {
    const control = (action: string) =>
      fetch(new URL(`__test/local-aws/${action}`, product.url), {
        method: 'POST',
        headers: { [testControlTokenHeader]: product.testControlToken ?? '' },
      })
    const stopped = (await (await control('stop')).json()) as { running: boolean }
    expect(stopped.running).toBe(false)
    await expect(fetch(`${product.localAws.endpoint}/`)).rejects.toThrow()
    const restarted = (await (await control('restart')).json()) as { running: boolean }
    expect(restarted.running).toBe(true)
    expect((await fetch(`${product.localAws.endpoint}/`)).status).toBe(403)
    // Only POST acts: a page or crawler fetching the URL leaves the endpoint running.
    await fetch(new URL('__test/local-aws/stop', product.url), {
      headers: { [testControlTokenHeader]: product.testControlToken ?? '' },
    })
    expect(product.localAws.running).toBe(true)
  })
})

describe('startProduct without --test-control (real detector)', () => {
  let dataDir: string
  let product: RunningProduct

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'local-aws-start-plain-'))
    const outDir = join(dataDir, 'app')
    await mkdir(outDir, { recursive: true })
    await writeFile(join(outDir, 'index.html'), '<!doctype html><title>Image Labels</title>')
    product = await startProduct({
      port: 0,
      dataDir: join(dataDir, 'data'),
      fresh: true,
      skipBuild: true,
      outDir,
    })
  })
  afterAll(async () => {
    await product.close()
    await rm(dataDir, { recursive: true, force: true })
  })

  it('has no test-control routes: they answer as any unknown route does', async () => {
    const post = (path: string) => fetch(new URL(path, product.url), { method: 'POST' })
    const unknown = await post('__no-such-route')
    expect(unknown.status).toBe(404)
    for (const action of ['stop', 'restart']) {
      expect((await post(`__test/local-aws/${action}`)).status).toBe(unknown.status)
    }
    expect(product.localAws.running).toBe(true)
    expect(product.testControlToken).toBeUndefined()
    await expect(access(join(dataDir, 'data', testControlTokenFile))).rejects.toThrow()
  })
})
