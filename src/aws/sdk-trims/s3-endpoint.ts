// Stands in for the S3 client's endpoint rules in the app's build (vite.config.ts). The SDK ships
// every S3 endpoint rule there is (access points, Outposts, S3 Express, FIPS, dual-stack,
// acceleration: 5.4 KiB gzip); the app only ever needs a regional bucket, or a local endpoint
// with path-style addressing. Anything else is refused with a clear error rather than guessed.
// tests/unit/aws/s3-endpoint.spec.ts checks the answers against the SDK's own rules.
/** What the SDK's endpoint rules answer, as they answer it at run time. */
export interface S3Endpoint {
  url: URL
  properties: {
    authSchemes: {
      disableDoubleEncoding: boolean
      name: 'sigv4'
      signingName: 's3'
      signingRegion: string
    }[]
  }
  headers: Record<string, string[]>
}

export interface S3EndpointParameters {
  Bucket?: string | undefined
  Region?: string | undefined
  Endpoint?: string | undefined
  ForcePathStyle?: boolean | undefined
  UseFIPS?: boolean | undefined
  UseDualStack?: boolean | undefined
  Accelerate?: boolean | undefined
  UseArnRegion?: boolean | undefined
  UseObjectLambdaEndpoint?: boolean | undefined
  UseS3ExpressControlEndpoint?: boolean | undefined
}

/** A bucket that can be a host name label under https: lower-case letters, digits, hyphens. */
function virtualHostable(bucket: string): boolean {
  return /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/.test(bucket)
}

function unsupported(what: string): never {
  throw new Error(`S3 ${what} is not part of this app build (see src/aws/sdk-trims/).`)
}

export function defaultEndpointResolver(params: S3EndpointParameters): S3Endpoint {
  const { Bucket: bucket, Region: region } = params
  if (params.UseFIPS) unsupported('FIPS endpoints')
  if (params.UseDualStack) unsupported('dual-stack endpoints')
  if (params.Accelerate) unsupported('transfer acceleration')
  if (params.UseObjectLambdaEndpoint || params.UseS3ExpressControlEndpoint)
    unsupported('Object Lambda and S3 Express endpoints')
  if (bucket?.startsWith('arn:')) unsupported('access points and ARNs')
  if (!region) throw new Error('S3 needs a region')
  const properties: S3Endpoint['properties'] = {
    authSchemes: [
      { disableDoubleEncoding: true, name: 'sigv4', signingName: 's3', signingRegion: region },
    ],
  }
  if (params.Endpoint) {
    // A custom endpoint (the local one) is addressed path-style, as the app configures it.
    if (!params.ForcePathStyle && bucket) unsupported('virtual-hosted custom endpoints')
    const url = new URL(params.Endpoint)
    const base = url.pathname.replace(/\/+$/, '')
    url.pathname = bucket ? `${base}/${bucket}` : base || '/'
    return { url, properties, headers: {} }
  }
  const dnsSuffix = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com'
  const host = `s3.${region}.${dnsSuffix}`
  if (!bucket) return { url: new URL(`https://${host}/`), properties, headers: {} }
  const url =
    virtualHostable(bucket) && !params.ForcePathStyle
      ? new URL(`https://${bucket}.${host}/`)
      : new URL(`https://${host}/${bucket}`)
  return { url, properties, headers: {} }
}
