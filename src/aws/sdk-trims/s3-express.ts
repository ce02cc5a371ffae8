// Stands in for the S3 Express (directory bucket) support of `@aws-sdk/middleware-sdk-s3` in the
// app's build (vite.config.ts): the session identity provider and its cache, the middleware that
// fetches a session for a directory bucket, the signing middleware that signs with it, and the
// CreateSession command they call (about 1 KiB gzip). The app talks to one general-purpose bucket,
// and the app's S3 endpoint stand-in (s3-endpoint.ts) never answers a directory bucket endpoint,
// so none of it would run: for every other endpoint the SDK's S3 Express signing middleware signs
// exactly as the standard signing middleware the client already has. An S3 Express endpoint or
// session is refused with a clear error. tests/unit/aws/s3-express.spec.ts checks this against
// the SDK's own middleware.
import { httpSigningMiddlewareOptions } from '@smithy/core'

/** How the SDK's endpoint answer marks a directory bucket (middleware-s3-express/constants). */
interface EndpointProperties {
  authSchemes?: { name?: string }[]
  backend?: string
  bucketType?: string
}

type Next<T> = (args: T) => Promise<unknown>

interface MiddlewareStack {
  add(middleware: unknown, options: object): void
}

function notInThisBuild(): never {
  throw new Error(
    'S3 Express (directory buckets) is not part of this app build (see src/aws/sdk-trims/).',
  )
}

export function isS3ExpressEndpoint(properties: EndpointProperties | undefined): boolean {
  return (
    properties?.authSchemes?.[0]?.name === 'sigv4-s3express' ||
    properties?.backend === 'S3Express' ||
    properties?.bucketType === 'Directory'
  )
}

/** Refuses a request whose endpoint is a directory bucket; lets every other one through. */
export const s3ExpressMiddleware =
  () =>
  <T>(next: Next<T>, context: { endpointV2?: { properties?: EndpointProperties } }) =>
  (args: T) => {
    if (isS3ExpressEndpoint(context.endpointV2?.properties)) notInThisBuild()
    return next(args)
  }

export const s3ExpressMiddlewareOptions = {
  name: 's3ExpressMiddleware',
  step: 'build',
  tags: ['S3', 'S3_EXPRESS'],
  override: true,
}

export const getS3ExpressPlugin = () => ({
  applyToStack(stack: MiddlewareStack) {
    stack.add(s3ExpressMiddleware(), s3ExpressMiddlewareOptions)
  },
})

/** Nothing to add: the client's standard signing middleware signs every request it can get. */
export const s3ExpressHttpSigningMiddleware = notInThisBuild
export const s3ExpressHttpSigningMiddlewareOptions = httpSigningMiddlewareOptions
export const getS3ExpressHttpSigningPlugin = () => ({ applyToStack() {} })

export class S3ExpressIdentityProviderImpl {
  getS3ExpressIdentity(): Promise<never> {
    return Promise.reject(new Error('S3 Express sessions are not part of this app build.'))
  }
}

/** What the S3 client hands its S3 Express identity provider to create sessions with. */
export class CreateSessionCommand {
  constructor() {
    notInThisBuild()
  }
}
