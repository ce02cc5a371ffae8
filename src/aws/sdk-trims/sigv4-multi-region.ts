// Stands in for the S3 client's `SignatureV4MultiRegion` in the app's build (vite.config.ts).
// It picks SigV4a for multi-region access points ('*' as the signing region) and signs S3 Express
// sessions with their own credentials; the app's S3 endpoint stand-in (s3-endpoint.ts) only ever
// answers plain SigV4 for a regional bucket or the local endpoint, so what is left is the SDK's
// own SigV4 signer, used as it is (about 0.8 KiB gzip less). A '*' region fails clearly.
// tests/unit/aws/sigv4-multi-region.spec.ts checks the signatures against the SDK's signer.
import { SignatureV4 } from '@smithy/signature-v4'
import type {
  HttpRequest,
  RequestPresigningArguments,
  RequestSigningArguments,
} from '@smithy/types'

function refuseMultiRegion(options: { signingRegion?: string }) {
  if (options.signingRegion === '*')
    throw new Error(
      'SigV4a (multi-region) signing is not part of this app build (see src/aws/sdk-trims/).',
    )
}

export class SignatureV4MultiRegion {
  private readonly signer: SignatureV4

  /** What the S3 auth scheme provider asks before it offers SigV4a: there is none here. */
  static sigv4aDependency(): 'none' {
    return 'none'
  }

  constructor(options: ConstructorParameters<typeof SignatureV4>[0]) {
    this.signer = new SignatureV4(options)
  }

  async sign(request: HttpRequest, options: RequestSigningArguments = {}): Promise<HttpRequest> {
    refuseMultiRegion(options)
    return this.signer.sign(request, options)
  }

  async presign(
    request: HttpRequest,
    options: RequestPresigningArguments = {},
  ): Promise<HttpRequest> {
    refuseMultiRegion(options)
    return this.signer.presign(request, options)
  }
}
