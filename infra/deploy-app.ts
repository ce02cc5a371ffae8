// `npm run deploy`: stack, config.json, build, upload, invalidation, guest smoke test. The AWS
// clients and the build come in as arguments so the whole flow runs against mocks in tests.
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation'
import type { CloudFrontClient } from '@aws-sdk/client-cloudfront'
import type { CognitoIdentityClient } from '@aws-sdk/client-cognito-identity'
import type { S3Client } from '@aws-sdk/client-s3'
import type { DeployOptions } from './cli-options.ts'
import { explainAwsError } from './deploy-errors.ts'
import { invalidateSite } from './invalidate.ts'
import { checkRegion, type HostResolves } from './region-check.ts'
import { listSiteFiles } from './site-files.ts'
import { syncSite, type SyncResult } from './site-sync.ts'
import {
  guestSmokeTest,
  type GuestClients,
  type GuestCredentials,
  type SmokeTestResult,
} from './smoke-test.ts'
import { deployStack, type Log, type StackOutputs, type WaitSettings } from './stack.ts'

/** The app's runtime settings, read from /config.json at startup (src/lib/runtime-config.ts). */
export interface RuntimeConfigFile {
  region: string
  identityPoolId: string
  imagesBucket: string
  /** Shown in the app's note on how long guest photos are kept. */
  uploadRetentionDays?: number
  /** Hours a daily-cap pause lasts (absent without a cap), so the app can say when to come back. */
  guestPauseHours?: number
}

export interface DeployDependencies {
  cloudFormation: CloudFormationClient
  s3: S3Client
  cloudFront: CloudFrontClient
  cognito: CognitoIdentityClient
  guestClients: (credentials: GuestCredentials) => GuestClients
  hostResolves: HostResolves
  /** Builds the app and returns the output folder. */
  buildApp: () => Promise<string>
  templateBody: string
  smokePhoto: Uint8Array
  wait: WaitSettings
  log: Log
  sleep?: (milliseconds: number) => Promise<void>
  now?: () => Date
}

export interface DeployResult {
  stackChanged: boolean
  outputs: StackOutputs
  sync: SyncResult
  invalidationId: string | undefined
  smokeTest: SmokeTestResult | undefined
}

export function runtimeConfigFor(outputs: StackOutputs): RuntimeConfigFile {
  return {
    region: outputs.region,
    identityPoolId: outputs.identityPoolId,
    imagesBucket: outputs.imagesBucket,
    ...(outputs.uploadRetentionDays === null
      ? {}
      : { uploadRetentionDays: outputs.uploadRetentionDays }),
    ...(outputs.guestPauseHours === null ? {} : { guestPauseHours: outputs.guestPauseHours }),
  }
}

export async function deployApp(
  options: DeployOptions,
  deps: DeployDependencies,
): Promise<DeployResult> {
  const { log } = deps
  try {
    await checkRegion(options.region, deps.hostResolves)
    const stack = await deployStack({
      cloudFormation: deps.cloudFormation,
      stackName: options.stackName,
      region: options.region,
      templateBody: deps.templateBody,
      parameters: options.parameters,
      wait: deps.wait,
      log,
      now: deps.now,
    })
    const { outputs } = stack

    log('Building the app...')
    const distDirectory = await deps.buildApp()
    // Written after the build, into its output, so the build's own copy from public/ (if any,
    // for the local endpoint) never reaches AWS.
    await writeFile(
      join(distDirectory, 'config.json'),
      `${JSON.stringify(runtimeConfigFor(outputs), null, 2)}\n`,
    )

    const files = await listSiteFiles(distDirectory)
    const sync = await syncSite(deps.s3, outputs.siteBucket, files, log)
    const changedFiles = sync.uploaded.length + sync.deleted.length
    const invalidationId =
      changedFiles > 0
        ? await invalidateSite(deps.cloudFront, outputs.distributionId, deps.wait, log, deps.now)
        : undefined
    if (!stack.changed && changedFiles === 0)
      log('Nothing changed: the stack and the site are already up to date.')

    const smokeTest = options.skipSmokeTest
      ? undefined
      : await guestSmokeTest({
          cognito: deps.cognito,
          guestClients: deps.guestClients,
          outputs,
          photo: deps.smokePhoto,
          log,
          sleep: deps.sleep,
        })
    log(`Image Labels is live at ${outputs.siteUrl}`)
    return { stackChanged: stack.changed, outputs, sync, invalidationId, smokeTest }
  } catch (error) {
    throw explainAwsError(error, options.region)
  }
}
