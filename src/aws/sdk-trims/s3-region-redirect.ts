// Stands in for the region-redirect middleware of `@aws-sdk/middleware-sdk-s3` in the app's build
// (vite.config.ts). It follows a bucket to another region only when a client is made with
// `followRegionRedirects`; otherwise it passes every request and error through unchanged. The
// app's S3 client talks to its bucket in the configured region (or the local endpoint) and never
// sets it, so its code (about 0.5 KiB gzip) would never do anything. A client that asks for
// redirects fails clearly when it is made. tests/unit/aws/s3-region-redirect.spec.ts checks this
// against the SDK's own middleware.

function refuseRedirects(config: { followRegionRedirects?: boolean }) {
  if (config.followRegionRedirects)
    throw new Error('S3 region redirects are not part of this app build (see src/aws/sdk-trims/).')
}

export const regionRedirectMiddlewareOptions = {
  step: 'initialize',
  tags: ['REGION_REDIRECT', 'S3'],
  name: 'regionRedirectMiddleware',
  override: true,
}

export const regionRedirectEndpointMiddlewareOptions = {
  tags: ['REGION_REDIRECT', 'S3'],
  name: 'regionRedirectEndpointMiddleware',
  override: true,
  relation: 'before',
  toMiddleware: 'endpointV2Middleware',
}

/** Without `followRegionRedirects` the SDK's middleware passes everything through. */
export const regionRedirectMiddleware = (config: { followRegionRedirects?: boolean }) => {
  refuseRedirects(config)
  return <T>(next: (args: T) => Promise<unknown>) => next
}

export const regionRedirectEndpointMiddleware = regionRedirectMiddleware

export const getRegionRedirectMiddlewarePlugin = (config: { followRegionRedirects?: boolean }) => {
  refuseRedirects(config)
  return { applyToStack() {} }
}
