// Stands in for the SDK's adaptive retry strategy (`AdaptiveRetryStrategy` of
// `@smithy/core/retry`) in the app's build (vite.config.ts). Browsers get the 'standard' retry
// mode unless a client asks for 'adaptive', and the app's clients never do, so its client-side
// rate limiter (about 0.7 KiB gzip) would never run. A client that asked for it fails clearly.
// tests/unit/aws/adaptive-retry.spec.ts checks the app's clients get the standard strategy.
export class AdaptiveRetryStrategy {
  constructor() {
    throw new Error(
      "The 'adaptive' retry mode is not part of this app build (see src/aws/sdk-trims/).",
    )
  }
}
