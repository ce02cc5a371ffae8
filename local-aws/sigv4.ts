// SigV4 verification built on the SDK's own signer: rebuild the request exactly as the client
// signed it (only its SignedHeaders, its raw path and query, its date), sign it again with the
// secret we issued, and compare. The traps are listed in this folder's README, "How signatures
// are verified".
import { timingSafeEqual } from 'node:crypto'
import type { IncomingHttpHeaders } from 'node:http'
import { SignatureV4 } from '@smithy/signature-v4'
import type { HttpRequest, QueryParameterBag } from '@smithy/types'
import { AwsError, decodeUriPart, type ServiceFamily } from './errors.ts'
import { failure } from './sigv4-failures.ts'
import { NodeSha256, sha256Hex } from './sha256.ts'
import { isSigV2Query, verifySigV2Query } from './sigv2-query.ts'
import { localRegion, type SigningCredential } from './state.ts'
import { parseRawQuery, splitUrl } from './url.ts'

export const maxClockSkewMs = 15 * 60 * 1000

export interface SignedRequest {
  method: string
  /** `req.url` as received: path and query still percent-encoded. */
  rawUrl: string
  headers: IncomingHttpHeaders
  body: Uint8Array
  service: 's3' | 'rekognition' | 'cognito-identity'
}

export type CredentialLookup = (accessKeyId: string) => SigningCredential | undefined

/** A header's value; a header sent more than once is joined with commas, as SigV4 joins it. */
function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name]
  return Array.isArray(value) ? value.join(',') : value
}

/**
 * The longest presigned URL lifetime SigV4 accepts: one week.
 */
export const maxPresignedExpiresS = 7 * 24 * 60 * 60

/** `Date` may stand in for `X-Amz-Date`, in the ISO basic form or as an HTTP date. */
function parseRequestDate(headers: IncomingHttpHeaders): Date | undefined {
  const amzDate = headerValue(headers, 'x-amz-date')
  if (amzDate !== undefined) return parseAmzDate(amzDate)
  const httpDate = headerValue(headers, 'date')
  if (httpDate === undefined) return undefined
  const parsed = parseAmzDate(httpDate) ?? new Date(httpDate)
  return Number.isNaN(parsed.getTime()) ? undefined : parsed
}

function parseAmzDate(value: string | undefined): Date | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value ?? '')
  if (!match) return undefined
  const [year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0] = match
    .slice(1)
    .map(Number)
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second))
}

function sameSignature(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'utf8')
  const b = Buffer.from(given, 'utf8')
  return a.length === b.length && timingSafeEqual(a, b)
}

interface AuthParts {
  accessKeyId: string
  scope: string[]
  signedHeaders: string[]
  signature: string
  date: Date
  presignedExpiresS?: number
}

function readHeaderAuth(request: SignedRequest, family: ServiceFamily): AuthParts {
  const authorization = headerValue(request.headers, 'authorization') ?? ''
  if (!authorization.startsWith('AWS4-HMAC-SHA256 ')) {
    throw new AwsError(
      family === 's3' ? 'InvalidRequest' : 'IncompleteSignatureException',
      400,
      'The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.',
    )
  }
  const fields = new Map<string, string>()
  for (const part of authorization.slice('AWS4-HMAC-SHA256 '.length).split(',')) {
    const equals = part.indexOf('=')
    if (equals > 0) fields.set(part.slice(0, equals).trim(), part.slice(equals + 1).trim())
  }
  const credential = fields.get('Credential')
  const signedHeaders = fields.get('SignedHeaders')
  const signature = fields.get('Signature')
  const date = parseRequestDate(request.headers)
  if (!credential || !signedHeaders || !signature) throw failure('malformed', family)
  if (!date) {
    throw family === 's3'
      ? new AwsError(
          'AccessDenied',
          403,
          'AWS authentication requires a valid Date or x-amz-date header',
        )
      : new AwsError(
          'IncompleteSignatureException',
          400,
          "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
        )
  }
  const [accessKeyId = '', ...scope] = credential.split('/')
  return { accessKeyId, scope, signedHeaders: signedHeaders.split(';'), signature, date }
}

function readPresignedAuth(query: QueryParameterBag, family: ServiceFamily): AuthParts {
  const text = (name: string): string | undefined => {
    const value = query[name]
    return typeof value === 'string' ? value : undefined
  }
  const queryError = (message: string): AwsError =>
    family === 's3'
      ? new AwsError('AuthorizationQueryParametersError', 400, message)
      : failure('malformed', family)
  if (text('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256') {
    throw queryError('X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"')
  }
  const credential = text('X-Amz-Credential')
  const signedHeaders = text('X-Amz-SignedHeaders')
  const signature = text('X-Amz-Signature')
  const date = parseAmzDate(text('X-Amz-Date'))
  const expiresText = text('X-Amz-Expires') ?? ''
  const expires = Number(expiresText)
  if (!credential || !signedHeaders || !signature || !date || !/^\d+$/.test(expiresText)) {
    throw queryError(
      'Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.',
    )
  }
  if (expires > maxPresignedExpiresS) {
    throw queryError(
      `X-Amz-Expires must be less than a week (in seconds) that is ${maxPresignedExpiresS}`,
    )
  }
  const [accessKeyId = '', ...scope] = credential.split('/')
  return {
    accessKeyId,
    scope,
    signedHeaders: signedHeaders.split(';'),
    signature,
    date,
    presignedExpiresS: expires,
  }
}

/** The credential scope must name the request's date, this region and this service. */
function checkScope(
  auth: AuthParts,
  service: SignedRequest['service'],
  family: ServiceFamily,
  presigned: boolean,
): void {
  const [scopeDate = '', scopeRegion = '', scopeService = '', terminator] = auth.scope
  const requestDate = auth.date.toISOString().slice(0, 10).replace(/-/g, '')
  let problem: string | undefined
  if (auth.scope.length !== 4 || terminator !== 'aws4_request') {
    problem =
      family === 's3'
        ? 'the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".'
        : 'Credential should be scoped to a valid region.'
  } else if (scopeDate !== requestDate) {
    problem =
      family === 's3'
        ? 'Invalid credential date. Date is not the same as X-Amz-Date.'
        : `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scopeDate}' != '${requestDate}'`
  } else if (scopeRegion !== localRegion) {
    problem =
      family === 's3'
        ? `the region '${scopeRegion}' is wrong; expecting '${localRegion}'`
        : `Credential should be scoped to a valid region, not '${scopeRegion}'.`
  } else if (scopeService !== service) {
    problem =
      family === 's3'
        ? `the service '${scopeService}' is wrong; expecting '${service}'`
        : `Credential should be scoped to correct service: '${service}'.`
  }
  if (problem === undefined) return
  if (family === 'json') throw new AwsError('InvalidSignatureException', 400, problem)
  const region = scopeRegion && scopeRegion !== localRegion ? { Region: localRegion } : undefined
  throw presigned
    ? new AwsError(
        'AuthorizationQueryParametersError',
        400,
        `Error parsing the X-Amz-Credential parameter; ${problem}`,
        region,
      )
    : new AwsError(
        'AuthorizationHeaderMalformed',
        400,
        `The authorization header is malformed; ${problem}`,
        region,
      )
}

/** The SDK's signer, also able to sign over a given list of headers as they are. */
class HeaderListSigner extends SignatureV4 {
  constructor(
    init: ConstructorParameters<typeof SignatureV4>[0],
    private readonly scope: { region: string; service: string },
  ) {
    super(init)
  }

  async signatureOverHeaders(request: HttpRequest, date: Date): Promise<string> {
    const canonicalHeaders: Record<string, string> = {}
    for (const [name, value] of Object.entries(request.headers)) {
      canonicalHeaders[name.toLowerCase()] = value.trim().replace(/\s+/g, ' ')
    }
    const payloadHash =
      request.headers['x-amz-content-sha256'] ??
      sha256Hex(request.body instanceof Uint8Array ? request.body : new Uint8Array())
    const { longDate, shortDate } = this.formatDate(date)
    const credentialScope = `${shortDate}/${this.scope.region}/${this.scope.service}/aws4_request`
    const canonicalRequest = this.createCanonicalRequest(request, canonicalHeaders, payloadHash)
    const stringToSign = await this.createStringToSign(
      longDate,
      credentialScope,
      canonicalRequest,
      'AWS4-HMAC-SHA256',
    )
    return this.sign(stringToSign, { signingDate: date })
  }
}

/**
 * Verifies a SigV4-signed request and returns the credential it was signed with.
 * S3 payload hashes other than a hex digest (`UNSIGNED-PAYLOAD`, streaming) are left to the S3
 * handler, which must decode the body first.
 */
export async function verifySignature(
  request: SignedRequest,
  findCredential: CredentialLookup,
  now: Date,
): Promise<SigningCredential> {
  const family: ServiceFamily = request.service === 's3' ? 's3' : 'json'
  const { rawPath, rawQuery } = splitUrl(request.rawUrl)
  const query = parseRawQuery(rawQuery)
  const hasAuthHeader = headerValue(request.headers, 'authorization') !== undefined
  if (hasAuthHeader && (query['X-Amz-Algorithm'] !== undefined || isSigV2Query(query))) {
    throw new AwsError(
      family === 's3' ? 'InvalidArgument' : 'IncompleteSignatureException',
      400,
      'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified',
    )
  }
  const presigned = !hasAuthHeader && query['X-Amz-Algorithm'] !== undefined
  if (!hasAuthHeader && !presigned) {
    if (isSigV2Query(query)) {
      if (family !== 's3') throw failure('missing', family)
      return verifySigV2Query(
        { method: request.method, rawPath, headers: request.headers },
        query,
        findCredential,
        now,
      )
    }
    throw failure('missing', family)
  }
  const auth = presigned ? readPresignedAuth(query, family) : readHeaderAuth(request, family)

  checkScope(auth, request.service, family, presigned)
  if (!auth.signedHeaders.includes('host')) throw failure('malformed', family)

  const credential = findCredential(auth.accessKeyId)
  if (!credential) throw failure('unknownKey', family)
  const givenToken = presigned
    ? (query['X-Amz-Security-Token'] as string | undefined)
    : headerValue(request.headers, 'x-amz-security-token')
  if (credential.sessionToken === undefined) {
    if (givenToken !== undefined) throw failure('badToken', family)
  } else {
    // A temporary key without its token is unknown to AWS; with another token it is forged.
    if (givenToken === undefined) throw failure('unknownKey', family)
    if (!sameSignature(credential.sessionToken, givenToken)) throw failure('badToken', family)
    if (credential.expiration && credential.expiration.getTime() <= now.getTime()) {
      throw failure('expired', family)
    }
  }

  if (auth.presignedExpiresS !== undefined) {
    if (now.getTime() > auth.date.getTime() + auth.presignedExpiresS * 1000) {
      throw failure('presignExpired', family)
    }
    if (auth.date.getTime() - now.getTime() > maxClockSkewMs) throw failure('skewed', family)
  } else if (Math.abs(now.getTime() - auth.date.getTime()) > maxClockSkewMs) {
    throw failure('skewed', family)
  }

  const headers: Record<string, string> = {}
  for (const name of auth.signedHeaders) {
    const value = headerValue(request.headers, name)
    if (value === undefined) throw failure('signature', family)
    headers[name] = value
  }
  const declaredHash = headerValue(request.headers, 'x-amz-content-sha256')
  if (family === 'json' && declaredHash !== undefined) {
    if (declaredHash !== sha256Hex(request.body)) throw failure('contentHash', family)
  }

  const signer = new HeaderListSigner(
    {
      credentials: {
        accessKeyId: credential.accessKeyId,
        secretAccessKey: credential.secretAccessKey,
        ...(givenToken !== undefined && auth.signedHeaders.includes('x-amz-security-token')
          ? { sessionToken: givenToken }
          : {}),
      },
      region: localRegion,
      service: request.service,
      sha256: NodeSha256,
      uriEscapePath: request.service !== 's3',
      applyChecksum: false,
    },
    { region: localRegion, service: request.service },
  )
  let url: URL
  try {
    url = new URL(`http://${headers.host}`)
  } catch {
    throw failure('signature', family)
  }
  const unsigned: HttpRequest = {
    method: request.method,
    protocol: 'http:',
    hostname: url.hostname,
    ...(url.port ? { port: Number(url.port) } : {}),
    path: request.service === 's3' ? rawPath : decodeUriPart(rawPath),
    query,
    headers,
    body: request.service === 's3' ? undefined : request.body,
  }
  const signableHeaders = new Set(auth.signedHeaders)
  const expected = presigned
    ? await presignedSignature(signer, unsigned, auth, signableHeaders, request.service)
    : await headerSignature(signer, unsigned, auth, signableHeaders, request.service)
  if (!sameSignature(expected, auth.signature)) throw failure('signature', family)
  return credential
}

async function headerSignature(
  signer: HeaderListSigner,
  unsigned: HttpRequest,
  auth: AuthParts,
  signableHeaders: Set<string>,
  service: SignedRequest['service'],
): Promise<string> {
  if (service === 's3' && unsigned.headers['x-amz-content-sha256'] === undefined) {
    throw new AwsError(
      'InvalidRequest',
      400,
      'Missing required header for this request: x-amz-content-sha256',
    )
  }
  if (!signableHeaders.has('x-amz-date')) {
    // Dated by `Date` alone: the SDK's request signer drops `date` and adds `x-amz-date`, so
    // the canonical request is built here from exactly the headers the client signed.
    return signer.signatureOverHeaders(unsigned, auth.date)
  }
  const signed = await signer.sign(unsigned, { signingDate: auth.date, signableHeaders })
  const authorization = signed.headers.authorization ?? ''
  return /Signature=([0-9a-f]+)/.exec(authorization)?.[1] ?? ''
}

async function presignedSignature(
  signer: SignatureV4,
  unsigned: HttpRequest,
  auth: AuthParts,
  signableHeaders: Set<string>,
  service: SignedRequest['service'],
): Promise<string> {
  const query = { ...unsigned.query }
  for (const name of Object.keys(query)) {
    if (/^X-Amz-(Algorithm|Credential|Date|Expires|SignedHeaders|Signature)$/.test(name)) {
      delete query[name]
    }
  }
  const payloadHeader = 'x-amz-content-sha256'
  const keepAsHeaders = new Set([...signableHeaders, payloadHeader])
  const presigned = await signer.presign(
    {
      ...unsigned,
      query,
      headers: {
        ...unsigned.headers,
        ...(service === 's3' ? { [payloadHeader]: 'UNSIGNED-PAYLOAD' } : {}),
      },
    },
    {
      signingDate: auth.date,
      expiresIn: auth.presignedExpiresS,
      signableHeaders,
      unsignableHeaders: new Set([payloadHeader]),
      unhoistableHeaders: keepAsHeaders,
    },
  )
  const signature = presigned.query?.['X-Amz-Signature']
  return typeof signature === 'string' ? signature : ''
}
