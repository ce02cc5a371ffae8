// Stands in for the endpoint rules of the Rekognition client and of the Cognito Identity client
// inside the credential provider, in the app's build (vite.config.ts). The SDK answers with a
// rule set per service plus every partition there is (ISO, EUSC, FIPS and dual-stack hosts:
// about 3 KiB gzip with the rules engine); the app only ever calls a service in a commercial,
// China or GovCloud region, or the local endpoint. Anything else is refused with a clear error.
// tests/unit/aws/regional-endpoint.spec.ts checks the answers against the SDK's own rules.

/** What the SDK's endpoint rules answer for these services. */
export interface RegionalEndpoint {
  url: URL
  properties: Record<string, never>
  headers: Record<string, string[]>
}

export interface RegionalEndpointParameters {
  Region?: string | undefined
  Endpoint?: string | undefined
  UseFIPS?: boolean | undefined
  UseDualStack?: boolean | undefined
}

/** The partitions this build knows, as the SDK's partition data spells their regions. */
const dnsSuffixes: [RegExp, string][] = [
  [/^(us|eu|ap|sa|ca|me|af|il|mx)-\w+-\d+$/, 'amazonaws.com'],
  [/^cn-\w+-\d+$/, 'amazonaws.com.cn'],
  [/^us-gov-\w+-\d+$/, 'amazonaws.com'],
]

function unsupported(service: string, what: string): never {
  throw new Error(`${service} ${what} is not part of this app build (see src/aws/sdk-trims/).`)
}

export function regionalEndpointResolver(service: string) {
  return (params: RegionalEndpointParameters): RegionalEndpoint => {
    if (params.UseFIPS) unsupported(service, 'FIPS endpoints')
    if (params.UseDualStack) unsupported(service, 'dual-stack endpoints')
    if (params.Endpoint) return { url: new URL(params.Endpoint), properties: {}, headers: {} }
    const region = params.Region
    if (!region) throw new Error(`${service} needs a region`)
    const suffix = dnsSuffixes.find(([pattern]) => pattern.test(region))?.[1]
    if (!suffix) unsupported(service, `in the region ${region}`)
    return { url: new URL(`https://${service}.${region}.${suffix}`), properties: {}, headers: {} }
  }
}
