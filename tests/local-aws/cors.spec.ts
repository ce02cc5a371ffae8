// CORS as AWS answers it: the images bucket's rules from infra/template.yaml (with the app's own
// origin standing for the distribution's domain, and --allow-origin as ExtraAllowedOrigins), a
// refused preflight and no Access-Control-Allow-Origin for anyone else, and any origin for the
// JSON services (Cognito Identity, Rekognition).
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import type { HttpRequest } from '@smithy/types'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fakeDetector, newGuest, startTestEndpoint, type TestEndpoint } from './helpers.ts'

const appOrigin = 'http://127.0.0.1:4173'
const extraOrigin = 'http://localhost:5173'
const otherOrigin = 'https://elsewhere.example'

/** The request headers a browser lists in a preflight: all but the ones it sets itself. */
const browserSetHeaders = ['host', 'content-length', 'user-agent', 'expect']

/**
 * The headers the app's S3 client (as src/aws/session.ts configures it) signs and sends for a
 * photo upload, captured just before they would leave.
 */
async function appUploadHeaders(endpoint: TestEndpoint): Promise<string[]> {
  const guest = await newGuest(endpoint.aws)
  let captured: HttpRequest | undefined
  const client = new S3Client({
    region: endpoint.aws.config.region,
    endpoint: endpoint.aws.config.endpoint,
    credentials: guest.credentials,
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 1,
    requestHandler: {
      handle(request: HttpRequest) {
        captured = request
        return Promise.reject(new Error('captured, not sent'))
      },
    },
  })
  await client
    .send(
      new PutObjectCommand({
        Bucket: endpoint.aws.config.imagesBucket,
        Key: `u/${guest.identityId}/photo.jpg`,
        Body: new Uint8Array([1, 2, 3]),
        ContentType: 'image/jpeg',
        Metadata: { 'original-name': 'photo.jpg' },
      }),
    )
    .catch(() => undefined)
  if (!captured) throw new Error('the S3 client sent nothing')
  return Object.keys(captured.headers)
    .map((name) => name.toLowerCase())
    .filter((name) => !browserSetHeaders.includes(name))
}

function preflight(
  endpoint: TestEndpoint,
  path: string,
  headers: Record<string, string>,
): Promise<Response> {
  return fetch(`${endpoint.aws.endpoint}${path}`, { method: 'OPTIONS', headers })
}

describe('CORS from the template (fake detector)', () => {
  let endpoint: TestEndpoint
  let bucket: string

  beforeAll(async () => {
    endpoint = await startTestEndpoint({
      detector: fakeDetector(),
      appOrigins: [appOrigin],
      extraOrigins: [extraOrigin],
    })
    bucket = endpoint.aws.config.imagesBucket
  })
  afterAll(() => endpoint.stop())

  it("allows the app's origin a preflight with every header the app's upload sends", async () => {
    const requested = (await appUploadHeaders(endpoint)).join(',')
    expect(requested).toContain('amz-sdk-request')
    expect(requested).toContain('x-amz-meta-original-name')
    const response = await preflight(endpoint, `/${bucket}/u/x/photo.jpg`, {
      origin: appOrigin,
      'access-control-request-method': 'PUT',
      'access-control-request-headers': requested,
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('access-control-allow-origin')).toBe(appOrigin)
    expect(response.headers.get('access-control-allow-methods')).toBe('GET, PUT, HEAD, DELETE')
    expect(response.headers.get('access-control-allow-headers')).toBe(requested)
    expect(response.headers.get('access-control-max-age')).toBe('3600')
    expect(response.headers.get('vary')).toContain('Origin')
  })

  it('exposes exactly the headers the template lists, on errors too', async () => {
    const denied = await fetch(`${endpoint.aws.endpoint}/${bucket}/x`, {
      headers: { origin: appOrigin },
    })
    expect(denied.status).toBe(403)
    expect(denied.headers.get('access-control-allow-origin')).toBe(appOrigin)
    expect(denied.headers.get('access-control-expose-headers')).toBe('ETag, x-amz-request-id, Date')
    expect(denied.headers.get('x-amz-request-id')).toMatch(/^[0-9A-F]{16}$/)
  })

  it('allows an --allow-origin origin through the ExtraAllowedOrigins rule', async () => {
    const response = await preflight(endpoint, `/${bucket}/u/x/photo.jpg`, {
      origin: extraOrigin,
      'access-control-request-method': 'GET',
      'access-control-request-headers': 'authorization,x-amz-date',
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('access-control-allow-origin')).toBe(extraOrigin)
  })

  it('refuses other origins as S3 does: a 403 preflight and no Allow-Origin', async () => {
    const refused = await preflight(endpoint, `/${bucket}/u/x/photo.jpg`, {
      origin: otherOrigin,
      'access-control-request-method': 'PUT',
      'access-control-request-headers': 'authorization',
    })
    expect(refused.status).toBe(403)
    expect(refused.headers.get('access-control-allow-origin')).toBeNull()
    const body = await refused.text()
    expect(body).toContain('<Code>AccessForbidden</Code>')
    expect(body).toContain('CORSResponse: This CORS request is not allowed.')
    expect(body).toContain('<Method>PUT</Method><ResourceType>OBJECT</ResourceType>')
    const actual = await fetch(`${endpoint.aws.endpoint}/${bucket}/x`, {
      headers: { origin: otherOrigin },
    })
    expect(actual.status).toBe(403)
    expect(actual.headers.get('access-control-allow-origin')).toBeNull()
    expect(actual.headers.get('access-control-expose-headers')).toBeNull()
  })

  it('refuses a method the rules do not list, and a preflight without an Origin', async () => {
    const post = await preflight(endpoint, `/${bucket}/?delete`, {
      origin: appOrigin,
      'access-control-request-method': 'POST',
    })
    expect(post.status).toBe(403)
    expect(await post.text()).toContain('<ResourceType>BUCKET</ResourceType>')
    const anonymous = await preflight(endpoint, `/${bucket}/x`, {
      'access-control-request-method': 'GET',
    })
    expect(anonymous.status).toBe(400)
    expect(await anonymous.text()).toContain('Origin request header needed')
  })

  it('lets any origin call Cognito Identity and Rekognition, as those services do', async () => {
    const response = await preflight(endpoint, '/', {
      origin: otherOrigin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type,x-amz-target,x-amz-user-agent',
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
    expect(response.headers.get('access-control-allow-headers')).toBe(
      'content-type,x-amz-target,x-amz-user-agent',
    )
    const getId = await fetch(`${endpoint.aws.endpoint}/`, {
      method: 'POST',
      headers: {
        origin: otherOrigin,
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSCognitoIdentityService.GetId',
      },
      body: JSON.stringify({ IdentityPoolId: endpoint.aws.config.identityPoolId }),
    })
    expect(getId.status).toBe(200)
    expect(getId.headers.get('access-control-allow-origin')).toBe('*')
    expect(getId.headers.get('access-control-expose-headers')).toContain('x-amzn-RequestId')
  })
})

describe('a header the app sends but the template does not allow', () => {
  let directory: string
  let endpoint: TestEndpoint

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'local-aws-cors-'))
    // The project's template with one change: AllowedHeaders names headers instead of '*'.
    const template = (await readFile('infra/template.yaml', 'utf8')).replaceAll(
      "AllowedHeaders: ['*']",
      'AllowedHeaders: [authorization, content-type, x-amz-*]',
    )
    expect(template).toContain('AllowedHeaders: [authorization, content-type, x-amz-*]')
    await writeFile(join(directory, 'template.yaml'), template)
    endpoint = await startTestEndpoint({
      detector: fakeDetector(),
      appOrigins: [appOrigin],
      templatePath: join(directory, 'template.yaml'),
    })
  })
  afterAll(async () => {
    await endpoint.stop()
    await rm(directory, { recursive: true, force: true })
  })

  it("fails the app's upload preflight, as S3 would with that rule", async () => {
    const sent = await appUploadHeaders(endpoint)
    // The SDK's own retry headers are neither x-amz-* nor listed.
    expect(sent).toContain('amz-sdk-request')
    const bucket = endpoint.aws.config.imagesBucket
    const refused = await preflight(endpoint, `/${bucket}/u/x/photo.jpg`, {
      origin: appOrigin,
      'access-control-request-method': 'PUT',
      'access-control-request-headers': sent.join(','),
    })
    expect(refused.status).toBe(403)
    expect(refused.headers.get('access-control-allow-origin')).toBeNull()
    const allowedOnly = sent.filter((name) => !name.startsWith('amz-sdk-'))
    const accepted = await preflight(endpoint, `/${bucket}/u/x/photo.jpg`, {
      origin: appOrigin,
      'access-control-request-method': 'PUT',
      'access-control-request-headers': allowedOnly.join(','),
    })
    expect(accepted.status).toBe(200)
  })
})
