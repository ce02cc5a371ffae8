// `npm run destroy`: empties both buckets (CloudFormation cannot delete full ones), deletes the
// stack and waits. Refuses stacks this tool did not create, so it never empties someone else's.
import {
  DescribeStackResourcesCommand,
  type CloudFormationClient,
} from '@aws-sdk/client-cloudformation'
import type { S3Client } from '@aws-sdk/client-s3'
import { emptyBucket } from './bucket-cleanup.ts'
import type { StackOptions } from './cli-options.ts'
import { DeployError, explainAwsError } from './deploy-errors.ts'
import { deleteStack, findStack, isAppStack, type Log, type WaitSettings } from './stack.ts'

export interface DestroyDependencies {
  cloudFormation: CloudFormationClient
  s3: S3Client
  wait: WaitSettings
  log: Log
  now?: () => Date
}

export interface DestroyResult {
  existed: boolean
  emptiedObjects: number
}

/** The stack's buckets by physical name, read from its resources so a half-created stack works too. */
async function stackBuckets(
  cloudFormation: CloudFormationClient,
  stackName: string,
): Promise<string[]> {
  const { StackResources } = await cloudFormation.send(
    new DescribeStackResourcesCommand({ StackName: stackName }),
  )
  return (StackResources ?? [])
    .filter(
      (resource) => resource.ResourceType === 'AWS::S3::Bucket' && resource.PhysicalResourceId,
    )
    .filter((resource) => resource.ResourceStatus !== 'DELETE_COMPLETE')
    .map((resource) => resource.PhysicalResourceId ?? '')
}

export async function destroyApp(
  options: StackOptions,
  deps: DestroyDependencies,
): Promise<DestroyResult> {
  const { cloudFormation, log } = deps
  try {
    const stack = await findStack(cloudFormation, options.stackName)
    if (!stack) {
      log(`There is no stack "${options.stackName}" in ${options.region}: nothing to destroy.`)
      return { existed: false, emptiedObjects: 0 }
    }
    if (!isAppStack(stack)) {
      throw new DeployError(
        `Stack "${options.stackName}" in ${options.region} was not created by Image Labels; refusing to empty its buckets or delete it.`,
      )
    }
    if (stack.StackStatus?.endsWith('_IN_PROGRESS') && stack.StackStatus !== 'REVIEW_IN_PROGRESS') {
      throw new DeployError(
        `Stack "${options.stackName}" is busy (${stack.StackStatus}). Wait until it finishes, then destroy.`,
      )
    }
    let emptiedObjects = 0
    for (const bucket of await stackBuckets(cloudFormation, options.stackName)) {
      const count = await emptyBucket(deps.s3, bucket)
      log(`Emptied ${bucket} (${count} objects).`)
      emptiedObjects += count
    }
    await deleteStack({
      cloudFormation,
      stackName: options.stackName,
      wait: deps.wait,
      log,
      now: deps.now,
    })
    return { existed: true, emptiedObjects }
  } catch (error) {
    throw explainAwsError(error, options.region)
  }
}
