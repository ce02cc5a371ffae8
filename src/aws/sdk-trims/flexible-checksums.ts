// Stands in for `@aws-sdk/checksums/flexible-checksums` and `/sha`, and for the MD5 and
// blob-hasher of `@smithy/core/checksum`, as the S3 client imports them, in the app's build
// (vite.config.ts; build only: the local endpoint's own tests send checksummed uploads through
// the SDK to prove the endpoint checks them). The app's S3 client is made with
// `requestChecksumCalculation` and `responseChecksumValidation` 'WHEN_REQUIRED', and none of its
// operations (PutObject, GetObject, ListObjectsV2, DeleteObject) requires a checksum or asks for
// one, so the CRC32/CRC32C/CRC64/SHA-1 code (about 3 KiB gzip) would never run. The S3 client's
// MD5 and stream hasher serve only those checksums and SSE-C keys, which the app never sends
// (about 1 KiB gzip more). A command that does need one fails with a clear error instead of
// going out unchecked. SHA-256, which signs every request, is the SDK's own.
// tests/unit/aws/flexible-checksums.spec.ts checks the app's operations never reach them.
export { Sha256 } from '@smithy/core/checksum'

interface ChecksumConfigInput {
  requestChecksumCalculation?: unknown
  responseChecksumValidation?: unknown
  requestStreamBufferSize?: unknown
  checksumAlgorithms?: unknown
}

const provider = (value: unknown) => () => Promise.resolve(value)

export function resolveFlexibleChecksumsConfig<T extends ChecksumConfigInput>(input: T): T {
  return Object.assign(input, {
    requestChecksumCalculation: provider(input.requestChecksumCalculation ?? 'WHEN_REQUIRED'),
    responseChecksumValidation: provider(input.responseChecksumValidation ?? 'WHEN_REQUIRED'),
    requestStreamBufferSize: Number(input.requestStreamBufferSize ?? 0),
    checksumAlgorithms: input.checksumAlgorithms ?? {},
  })
}

interface ChecksumMiddlewareConfig {
  requestChecksumRequired?: boolean
  requestAlgorithmMember?: { name: string }
}

type Next = (args: { input: Record<string, unknown> }) => Promise<unknown>

function notInThisBuild(what: string): never {
  throw new Error(`${what} needs S3 checksums, which are not part of this app build.`)
}

export function getFlexibleChecksumsPlugin(_config: unknown, options: ChecksumMiddlewareConfig) {
  return {
    applyToStack(stack: {
      add(middleware: (next: Next) => Next, options: { step: string; name: string }): void
    }) {
      stack.add(
        (next) => (args) => {
          if (options.requestChecksumRequired) notInThisBuild('This S3 operation')
          const algorithm = options.requestAlgorithmMember?.name
          if (algorithm && args.input[algorithm] !== undefined) notInThisBuild('ChecksumAlgorithm')
          return next(args)
        },
        { step: 'initialize', name: 'appChecksumGuard' },
      )
    },
  }
}

/** The S3 client's default SHA-1 constructor: never called without a SHA-1 checksum. */
export class Sha1 {
  constructor() {
    notInThisBuild('SHA-1')
  }
}

/** The S3 client's default MD5 (`md5`): checksums and SSE-C customer keys only. */
export class Md5 {
  constructor() {
    notInThisBuild('MD5')
  }
}

/** The S3 client's default stream hasher (`streamHasher`): streamed checksums only. */
export function blobHasher(): Promise<Uint8Array> {
  return Promise.reject(
    new Error('Hashing a stream needs S3 checksums, which are not part of this app build.'),
  )
}
