// The built app under the exact response headers the stack's CloudFront policy sends, in real
// Chromium: a CSP that is strict on paper is only right if the app still runs under it. AWS is
// out of reach here, so its calls fail on the network, but the browser checks the CSP first and
// reports any host the policy does not allow.
import { execFileSync } from 'node:child_process'
import { createServer, type Server } from 'node:http'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join, normalize } from 'node:path'
import { chromium, type Browser } from '@playwright/test'
import { build } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromiumArgs, findChromium } from '../../scripts/chromium.ts'
import { contentTypeFor } from '../../infra/site-files.ts'
import { at, loadTemplate, properties, substitute } from './template-helpers.ts'

const REGION = 'eu-west-1'
const ROOT = new URL('../..', import.meta.url).pathname
const PHOTO = new URL('../../infra/smoke-test-photo.jpg', import.meta.url).pathname

/** The stack's headers for REGION. upgrade-insecure-requests is dropped: this server is plain HTTP. */
function stackHeaders(): Record<string, string> {
  const config = at(
    properties(loadTemplate(), 'SecurityHeadersPolicy'),
    'ResponseHeadersPolicyConfig',
  )
  const csp = substitute(
    at(config, 'SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy'),
    {
      'AWS::Region': REGION,
      'AWS::URLSuffix': 'amazonaws.com',
    },
  )
  const custom = at(config, 'CustomHeadersConfig.Items')
  const headers: Record<string, string> = {
    'Content-Security-Policy': csp.replace(/;\s*upgrade-insecure-requests/, ''),
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': substitute(
      at(config, 'SecurityHeadersConfig.ReferrerPolicy.ReferrerPolicy'),
      {},
    ),
  }
  for (const item of Array.isArray(custom) ? custom : []) {
    headers[substitute(at(item, 'Header'), {})] = substitute(at(item, 'Value'), {})
  }
  return headers
}

let directory: string
let server: Server
let browser: Browser
let origin: string

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'image-labels-csp-'))
  await build({ root: ROOT, logLevel: 'error', build: { outDir: directory, emptyOutDir: true } })
  const config = JSON.stringify({
    region: REGION,
    identityPoolId: `${REGION}:00000000-0000-4000-8000-000000000000`,
    imagesBucket: 'image-labels-imagesbucket-abc123',
  })
  const headers = stackHeaders()
  server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname
    const key = path === '/' ? 'index.html' : normalize(path.slice(1))
    const body =
      key === 'config.json' ? Promise.resolve(Buffer.from(config)) : readFile(join(directory, key))
    body.then(
      (bytes) =>
        response.writeHead(200, { ...headers, 'Content-Type': contentTypeFor(key) }).end(bytes),
      () => response.writeHead(404, headers).end(),
    )
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  // npm test runs this before the end-to-end step that installs a missing Chromium: do it here too.
  if (!findChromium()) {
    execFileSync('npx', ['tsx', 'scripts/ensure-chromium.ts'], { cwd: ROOT, stdio: 'inherit' })
  }
  browser = await chromium.launch({
    executablePath: findChromium(),
    args: chromiumArgs,
    headless: true,
  })
}, 600_000)

afterAll(async () => {
  await browser?.close()
  await new Promise((resolve) => server?.close(resolve))
  if (directory) await rm(directory, { recursive: true, force: true })
})

describe('the built app under the stack’s security headers', () => {
  it('starts, takes a photo, runs its service worker and calls only allowed AWS hosts, with no CSP violation', async () => {
    const page = await browser.newPage()
    const violations: string[] = []
    await page.exposeFunction('reportViolation', (text: string) => violations.push(text))
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        const report = (window as unknown as { reportViolation: (text: string) => void })
          .reportViolation
        report(`${event.effectiveDirective} blocked ${event.blockedURI}`)
      })
    })
    const awsHosts = new Set<string>()
    page.on('request', (request) => {
      const host = new URL(request.url()).host
      if (host.endsWith('.amazonaws.com')) awsHosts.add(host.replace(/^[^.]+\.s3\./, '*.s3.'))
    })

    await page.goto(origin)
    await expect.poll(() => page.locator('#app *').count()).toBeGreaterThan(0)
    const picker = page.locator('input[type=file]').first()
    await picker.waitFor({ state: 'attached', timeout: 15_000 })
    await picker.setInputFiles(PHOTO)
    await expect.poll(() => awsHosts.size, { timeout: 15_000 }).toBeGreaterThan(0)
    await page.waitForTimeout(1500)
    // The service worker registers, precaches the shell and takes the page under these headers.
    // (page.evaluate, not waitForFunction: this CSP forbids the eval that polling needs.)
    await expect
      .poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state ?? 'none'), {
        timeout: 15_000,
      })
      .toBe('activated')

    expect(violations).toEqual([])
    for (const host of awsHosts) {
      expect([
        `cognito-identity.${REGION}.amazonaws.com`,
        `rekognition.${REGION}.amazonaws.com`,
        `*.s3.${REGION}.amazonaws.com`,
      ]).toContain(host)
    }

    // The listener works: a request the policy forbids is reported.
    await page.evaluate(() => fetch('https://example.com/').catch(() => undefined))
    await expect.poll(() => violations).toEqual(['connect-src blocked https://example.com/'])
    await page.close()
  })
})
