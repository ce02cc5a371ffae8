// After an upload, CloudFront's edges may still hold the old index.html for a moment (and
// default-root requests for "/" are cached under "/"), so one wildcard invalidation clears it all:
// it counts as a single path against the 1,000 free paths a month.
import {
  CreateInvalidationCommand,
  waitUntilInvalidationCompleted,
  type CloudFrontClient,
} from '@aws-sdk/client-cloudfront'
import type { Log, WaitSettings } from './stack.ts'

export async function invalidateSite(
  cloudFront: CloudFrontClient,
  distributionId: string,
  wait: WaitSettings,
  log: Log,
  now: () => Date = () => new Date(),
): Promise<string> {
  const { Invalidation } = await cloudFront.send(
    new CreateInvalidationCommand({
      DistributionId: distributionId,
      InvalidationBatch: {
        CallerReference: `image-labels-${now().getTime()}`,
        Paths: { Quantity: 1, Items: ['/*'] },
      },
    }),
  )
  const id = Invalidation?.Id
  if (!id) throw new Error('CloudFront did not return an invalidation id')
  log(`Invalidating CloudFront cache (${id})...`)
  try {
    await waitUntilInvalidationCompleted(
      { client: cloudFront, ...wait, maxWaitTime: Math.min(wait.maxWaitTime, 900) },
      { DistributionId: distributionId, Id: id },
    )
    log('CloudFront cache invalidated.')
  } catch (error) {
    // The files are already uploaded and index.html is revalidated anyway: a slow invalidation
    // is worth a note, not a failed deploy.
    const detail = error instanceof Error ? error.message : String(error)
    log(`The invalidation ${id} is still running (${detail}); it finishes on its own.`)
  }
  return id
}
