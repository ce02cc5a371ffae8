// CORS as the real services answer it. S3: the images bucket's CorsRules from infra/template.yaml
// decide, with the app's own origins standing where the template names the distribution's
// domain; the first rule that allows the origin, the method and (for a preflight) every
// requested header answers, exposing exactly the headers it lists. Anything else gets no
// Access-Control-Allow-Origin, and a refused preflight S3's 403. Cognito Identity and
// Rekognition (the JSON services, `POST /`) allow any origin.
import type { IncomingMessage } from 'node:http'
import { AwsError, type ServiceFamily } from './errors.ts'
import { header } from './incoming.ts'
import type { Reply } from './reply.ts'
import { distributionDomain, isObject, list, type LocalTemplate } from './template.ts'
import { splitUrl } from './url.ts'

export interface CorsRule {
  id: string
  allowedOrigins: string[]
  allowedMethods: string[]
  allowedHeaders: string[]
  exposedHeaders: string[]
  maxAgeSeconds?: number
}

/** What the JSON 1.1 services answer to any origin. */
const jsonServiceExposedHeaders = 'x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date'
const jsonServiceMaxAgeSeconds = 172800

const refusedMessage =
  "CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource's CORS spec."

/** `*` in a CORS rule matches any run of characters; matching ignores case only for headers. */
function wildcardMatches(pattern: string, value: string, ignoreCase: boolean): boolean {
  const body = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*')
  return new RegExp(`^${body}$`, ignoreCase ? 'is' : 's').test(value)
}

/** The images bucket's CORS rules, with the distribution's origin replaced by `appOrigins`. */
export function bucketCorsRules(template: LocalTemplate, appOrigins: string[]): CorsRule[] {
  const bucket = template.resolvedProperties('ImagesBucket', 'AWS::S3::Bucket')
  const configuration = isObject(bucket.CorsConfiguration) ? bucket.CorsConfiguration : {}
  return list(configuration.CorsRules)
    .filter(isObject)
    .map((rule, index) => {
      const strings = (value: unknown): string[] => list(value).map(String)
      const maxAge = rule.MaxAge
      return {
        id: typeof rule.Id === 'string' ? rule.Id : `rule ${index + 1}`,
        allowedOrigins: strings(rule.AllowedOrigins).flatMap((origin) =>
          origin.includes(distributionDomain) ? appOrigins : [origin],
        ),
        allowedMethods: strings(rule.AllowedMethods),
        allowedHeaders: strings(rule.AllowedHeaders),
        exposedHeaders: strings(rule.ExposedHeaders),
        ...(maxAge !== undefined ? { maxAgeSeconds: Number(maxAge) } : {}),
      }
    })
}

export interface Cors {
  /** The answer to an OPTIONS request; throws S3's refusal when no rule allows it. */
  preflight(request: IncomingMessage): Reply
  /** CORS headers for any other answer (none when the origin is not allowed). */
  responseHeaders(request: IncomingMessage, family: ServiceFamily): Record<string, string>
}

export function createCors(rules: CorsRule[], bucket: string): Cors {
  const namesBucket = (request: IncomingMessage): 'BUCKET' | 'OBJECT' | undefined => {
    const { rawPath } = splitUrl(request.url ?? '/')
    const slash = rawPath.indexOf('/', 1)
    const name = slash < 0 ? rawPath.slice(1) : rawPath.slice(1, slash)
    if (name !== bucket) return undefined
    return slash < 0 || slash === rawPath.length - 1 ? 'BUCKET' : 'OBJECT'
  }
  const matchingRule = (origin: string, method: string, headers: string[]): CorsRule | undefined =>
    rules.find(
      (rule) =>
        rule.allowedOrigins.some((allowed) => wildcardMatches(allowed, origin, false)) &&
        rule.allowedMethods.includes(method) &&
        headers.every((name) =>
          rule.allowedHeaders.some((allowed) => wildcardMatches(allowed, name, true)),
        ),
    )
  const ruleHeaders = (rule: CorsRule, origin: string): Record<string, string> => {
    const anyOrigin = rule.allowedOrigins.includes('*')
    return {
      'Access-Control-Allow-Origin': anyOrigin ? '*' : origin,
      'Access-Control-Allow-Methods': rule.allowedMethods.join(', '),
      ...(rule.exposedHeaders.length > 0
        ? { 'Access-Control-Expose-Headers': rule.exposedHeaders.join(', ') }
        : {}),
      ...(rule.maxAgeSeconds !== undefined
        ? { 'Access-Control-Max-Age': String(rule.maxAgeSeconds) }
        : {}),
      ...(anyOrigin ? {} : { 'Access-Control-Allow-Credentials': 'true' }),
    }
  }
  const vary: Record<string, string> = {
    Vary: 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method',
  }

  return {
    preflight(request) {
      const origin = header(request, 'origin')
      const method = header(request, 'access-control-request-method')
      const requested = header(request, 'access-control-request-headers')
      const { rawPath } = splitUrl(request.url ?? '/')
      if (rawPath === '/') {
        // The JSON services (POST /): any origin, any requested header.
        return {
          status: 200,
          headers: {
            'Access-Control-Allow-Origin': '*',
            'Access-Control-Allow-Methods': 'POST',
            ...(requested ? { 'Access-Control-Allow-Headers': requested } : {}),
            'Access-Control-Expose-Headers': jsonServiceExposedHeaders,
            'Access-Control-Max-Age': String(jsonServiceMaxAgeSeconds),
          },
        }
      }
      if (origin === undefined) {
        throw new AwsError(
          'BadRequest',
          400,
          'Insufficient information. Origin request header needed.',
        )
      }
      if (method === undefined) {
        throw new AwsError('BadRequest', 400, 'Invalid Access-Control-Request-Method: null')
      }
      const names = (requested ?? '')
        .split(',')
        .map((name) => name.trim())
        .filter((name) => name !== '')
      const resourceType = namesBucket(request)
      const rule = resourceType ? matchingRule(origin, method, names) : undefined
      if (!rule) {
        throw new AwsError('AccessForbidden', 403, refusedMessage, {
          Method: method,
          ResourceType: resourceType ?? 'BUCKET',
        })
      }
      return {
        status: 200,
        headers: {
          ...ruleHeaders(rule, origin),
          ...(requested ? { 'Access-Control-Allow-Headers': requested } : {}),
          ...vary,
        },
      }
    },

    responseHeaders(request, family) {
      const origin = header(request, 'origin')
      if (family === 'json') {
        return {
          'Access-Control-Allow-Origin': '*',
          'Access-Control-Expose-Headers': jsonServiceExposedHeaders,
        }
      }
      if (!namesBucket(request)) return {}
      const rule = origin ? matchingRule(origin, request.method ?? 'GET', []) : undefined
      return rule ? { ...ruleHeaders(rule, origin ?? ''), ...vary } : vary
    },
  }
}
