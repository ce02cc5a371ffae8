// Creates or updates the stack through a change set, and deletes it, with CloudFormation's
// own waiters; on failure the failing resources and their reasons come from the stack events.
import {
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  waitUntilChangeSetCreateComplete,
  waitUntilStackCreateComplete,
  waitUntilStackDeleteComplete,
  waitUntilStackUpdateComplete,
  type CloudFormationClient,
  type Change,
  type Parameter,
  type Stack,
  type StackEvent,
} from '@aws-sdk/client-cloudformation'
import { DeployError } from './deploy-errors.ts'

/** Marks stacks this tool made, so it never updates or empties someone else's stack. */
export const APP_TAG = { Key: 'image-labels:app', Value: 'image-labels' } as const

export interface WaitSettings {
  /** Seconds between polls, growing from minDelay to maxDelay. */
  minDelay: number
  maxDelay: number
  /** Seconds before giving up. */
  maxWaitTime: number
}

export const DEFAULT_WAIT: WaitSettings = { minDelay: 5, maxDelay: 30, maxWaitTime: 3600 }

export interface StackOutputs {
  siteUrl: string
  region: string
  identityPoolId: string
  imagesBucket: string
  siteBucket: string
  distributionId: string
  /** Null for stacks deployed before this output existed. */
  uploadRetentionDays: number | null
  /** How long a daily-cap pause lasts; null for stacks without a cap. */
  guestPauseHours: number | null
}

export type Log = (line: string) => void

const BUSY = /_IN_PROGRESS$/
const FAILED_NEEDS_DELETE = new Set([
  'ROLLBACK_COMPLETE',
  'ROLLBACK_FAILED',
  'CREATE_FAILED',
  'DELETE_FAILED',
])
const NO_CHANGES = /didn't contain changes|No updates are to be performed/i

function isMissingStack(error: unknown): boolean {
  return error instanceof Error && /does not exist/i.test(error.message)
}

export async function findStack(
  cloudFormation: CloudFormationClient,
  stackName: string,
): Promise<Stack | undefined> {
  try {
    const { Stacks } = await cloudFormation.send(
      new DescribeStacksCommand({ StackName: stackName }),
    )
    return Stacks?.[0]
  } catch (error) {
    if (isMissingStack(error)) return undefined
    throw error
  }
}

export function isAppStack(stack: Stack): boolean {
  return (stack.Tags ?? []).some((tag) => tag.Key === APP_TAG.Key && tag.Value === APP_TAG.Value)
}

/** CREATE for a new name, UPDATE for a healthy stack of ours; a clear error otherwise. */
export function changeSetTypeFor(
  stack: Stack | undefined,
  stackName: string,
  region: string,
): 'CREATE' | 'UPDATE' {
  if (!stack) return 'CREATE'
  const status = stack.StackStatus ?? 'UNKNOWN'
  if (!isAppStack(stack)) {
    throw new DeployError(
      `The name "${stackName}" is already taken in ${region} by a stack that is not an Image Labels stack. Choose another --stack-name.`,
    )
  }
  // A stack whose first change set was never executed: it can still be created.
  if (status === 'REVIEW_IN_PROGRESS') return 'CREATE'
  if (FAILED_NEEDS_DELETE.has(status)) {
    throw new DeployError(
      `Stack "${stackName}" is in the failed state ${status} (${stack.StackStatusReason ?? 'no reason given'}) and cannot be updated. ` +
        `Remove it with \`npm run destroy -- --stack-name ${stackName} --region ${region}\`, then deploy again.`,
    )
  }
  if (status === 'UPDATE_ROLLBACK_FAILED') {
    throw new DeployError(
      `Stack "${stackName}" is in UPDATE_ROLLBACK_FAILED. Continue the rollback first ` +
        `(\`aws cloudformation continue-update-rollback --stack-name ${stackName} --region ${region}\`), then deploy again.`,
    )
  }
  if (BUSY.test(status)) {
    throw new DeployError(
      `Stack "${stackName}" is busy (${status}). Wait until it finishes, then deploy again.`,
    )
  }
  return 'UPDATE'
}

/** On update, parameters not given keep the value the stack has now instead of the default. */
export function parametersFor(
  given: Record<string, string>,
  existing: Stack | undefined,
  type: 'CREATE' | 'UPDATE',
): Parameter[] {
  const parameters: Parameter[] = Object.entries(given).map(([key, value]) => ({
    ParameterKey: key,
    ParameterValue: value,
  }))
  if (type === 'UPDATE') {
    for (const previous of existing?.Parameters ?? []) {
      if (previous.ParameterKey && !(previous.ParameterKey in given)) {
        parameters.push({ ParameterKey: previous.ParameterKey, UsePreviousValue: true })
      }
    }
  }
  return parameters
}

export function describeChange(change: Change): string {
  const resource = change.ResourceChange
  if (!resource) return `  ${change.Type ?? 'Change'}`
  const replacement =
    resource.Replacement === 'True'
      ? ' (replacement)'
      : resource.Replacement === 'Conditional'
        ? ' (may replace)'
        : ''
  return `  ${(resource.Action ?? '?').padEnd(7)} ${(resource.LogicalResourceId ?? '?').padEnd(28)} ${resource.ResourceType ?? ''}${replacement}`
}

async function listChanges(
  cloudFormation: CloudFormationClient,
  stackName: string,
  changeSetName: string,
): Promise<Change[]> {
  const changes: Change[] = []
  let nextToken: string | undefined
  do {
    const page = await cloudFormation.send(
      new DescribeChangeSetCommand({
        StackName: stackName,
        ChangeSetName: changeSetName,
        NextToken: nextToken,
      }),
    )
    changes.push(...(page.Changes ?? []))
    nextToken = page.NextToken
  } while (nextToken)
  return changes
}

/** Allowance for a local clock that runs ahead of AWS's when cutting off older events. */
const CLOCK_SKEW_MS = 5 * 60 * 1000

function startsOperation(event: StackEvent, stackName: string): boolean {
  return (
    event.LogicalResourceId === stackName &&
    event.ResourceType === 'AWS::CloudFormation::Stack' &&
    event.ResourceStatusReason === 'User Initiated'
  )
}

/**
 * "Resource (Type): reason" for each resource that failed in the latest operation, oldest first.
 * Events come newest first; the operation began at the stack's "User Initiated" event (or, if
 * that is not found, shortly before `since`).
 */
export async function failureReasons(
  cloudFormation: CloudFormationClient,
  stackName: string,
  since: Date,
): Promise<string[]> {
  const reasons: string[] = []
  let nextToken: string | undefined
  do {
    const page = await cloudFormation.send(
      new DescribeStackEventsCommand({ StackName: stackName, NextToken: nextToken }),
    )
    const events = page.StackEvents ?? []
    for (const event of events) {
      if (event.Timestamp && event.Timestamp.getTime() < since.getTime() - CLOCK_SKEW_MS) {
        return reasons.reverse()
      }
      if (startsOperation(event, stackName)) return reasons.reverse()
      if (event.ResourceStatus?.endsWith('_FAILED') && event.ResourceStatusReason) {
        reasons.push(
          `${event.LogicalResourceId ?? '?'} (${event.ResourceType ?? '?'}): ${event.ResourceStatusReason}`,
        )
      }
    }
    nextToken = page.NextToken
  } while (nextToken)
  return reasons.reverse()
}

async function failWithReasons(
  cloudFormation: CloudFormationClient,
  stackName: string,
  since: Date,
  what: string,
  nextStep = '',
): Promise<never> {
  const [stack, reasons] = await Promise.all([
    findStack(cloudFormation, stackName),
    failureReasons(cloudFormation, stackName, since),
  ])
  const status = stack?.StackStatus ?? 'gone'
  const details =
    reasons.length > 0
      ? reasons.map((reason) => `\n  ${reason}`).join('')
      : '\n  (no resource reported a reason)'
  throw new DeployError(
    `${what} failed; the stack is now ${status}. What failed:${details}${nextStep ? `\n${nextStep}` : ''}`,
  )
}

/** An optional output holding a positive whole number, or null. */
function positiveWholeOutput(stack: Stack, key: string): number | null {
  const output = stack.Outputs?.find((candidate) => candidate.OutputKey === key)
  const value = Number(output?.OutputValue)
  return Number.isInteger(value) && value > 0 ? value : null
}

export function readOutputs(stack: Stack): StackOutputs {
  const value = (key: string): string => {
    const output = stack.Outputs?.find((candidate) => candidate.OutputKey === key)?.OutputValue
    if (!output)
      throw new DeployError(
        `Stack "${stack.StackName ?? '?'}" has no output ${key}: is it an Image Labels stack?`,
      )
    return output
  }
  return {
    siteUrl: value('SiteUrl'),
    region: value('Region'),
    identityPoolId: value('IdentityPoolId'),
    imagesBucket: value('ImagesBucket'),
    siteBucket: value('SiteBucket'),
    distributionId: value('DistributionId'),
    uploadRetentionDays: positiveWholeOutput(stack, 'UploadRetentionDays'),
    guestPauseHours: positiveWholeOutput(stack, 'GuestPauseHours'),
  }
}

export interface StackDeployment {
  cloudFormation: CloudFormationClient
  stackName: string
  region: string
  templateBody: string
  parameters: Record<string, string>
  wait: WaitSettings
  log: Log
  now?: () => Date
}

export interface StackResult {
  changed: boolean
  outputs: StackOutputs
}

export async function deployStack(deployment: StackDeployment): Promise<StackResult> {
  const { cloudFormation, stackName, region, wait, log } = deployment
  const existing = await findStack(cloudFormation, stackName)
  const type = changeSetTypeFor(existing, stackName, region)
  const now = deployment.now ?? (() => new Date())
  const changeSetName = `image-labels-${now().getTime()}`
  log(
    `${type === 'CREATE' ? 'Creating' : 'Updating'} stack ${stackName} in ${region} (change set ${changeSetName})`,
  )

  await cloudFormation.send(
    new CreateChangeSetCommand({
      StackName: stackName,
      ChangeSetName: changeSetName,
      ChangeSetType: type,
      TemplateBody: deployment.templateBody,
      Parameters: parametersFor(deployment.parameters, existing, type),
      Capabilities: ['CAPABILITY_IAM'],
      Tags: [{ ...APP_TAG }],
      Description: 'npm run deploy',
    }),
  )
  try {
    await waitUntilChangeSetCreateComplete(
      { client: cloudFormation, ...wait },
      { StackName: stackName, ChangeSetName: changeSetName },
    )
  } catch (error) {
    const changeSet = await cloudFormation.send(
      new DescribeChangeSetCommand({ StackName: stackName, ChangeSetName: changeSetName }),
    )
    const reason =
      changeSet.StatusReason ?? (error instanceof Error ? error.message : String(error))
    if (existing && type === 'UPDATE' && NO_CHANGES.test(reason)) {
      await cloudFormation.send(
        new DeleteChangeSetCommand({ StackName: stackName, ChangeSetName: changeSetName }),
      )
      log('The stack is up to date: no changes.')
      return { changed: false, outputs: readOutputs(existing) }
    }
    throw new DeployError(`CloudFormation rejected the change set: ${reason}`)
  }

  const changes = await listChanges(cloudFormation, stackName, changeSetName)
  log(`Changes (${changes.length}):`)
  for (const change of changes) log(describeChange(change))

  const started = now()
  await cloudFormation.send(
    new ExecuteChangeSetCommand({ StackName: stackName, ChangeSetName: changeSetName }),
  )
  log('Waiting for CloudFormation (a new CloudFront distribution takes several minutes)...')
  const waitUntilDone =
    type === 'CREATE' ? waitUntilStackCreateComplete : waitUntilStackUpdateComplete
  try {
    await waitUntilDone({ client: cloudFormation, ...wait }, { StackName: stackName })
  } catch {
    return failWithReasons(
      cloudFormation,
      stackName,
      started,
      type === 'CREATE' ? 'Creating the stack' : 'Updating the stack',
      type === 'CREATE'
        ? `Once it has rolled back, remove it with \`npm run destroy -- --stack-name ${stackName} --region ${region}\`, fix the cause and deploy again.`
        : 'CloudFormation rolls a failed update back; the site files were not touched. Fix the cause and deploy again.',
    )
  }
  const stack = await findStack(cloudFormation, stackName)
  if (!stack) throw new DeployError(`Stack "${stackName}" disappeared while deploying.`)
  log(`Stack ${stack.StackStatus ?? 'done'}.`)
  return { changed: true, outputs: readOutputs(stack) }
}

export interface StackDeletion {
  cloudFormation: CloudFormationClient
  stackName: string
  wait: WaitSettings
  log: Log
  now?: () => Date
}

export async function deleteStack({
  cloudFormation,
  stackName,
  wait,
  log,
  now,
}: StackDeletion): Promise<void> {
  const started = (now ?? (() => new Date()))()
  await cloudFormation.send(new DeleteStackCommand({ StackName: stackName }))
  log(`Deleting stack ${stackName}...`)
  try {
    await waitUntilStackDeleteComplete(
      { client: cloudFormation, ...wait },
      { StackName: stackName },
    )
  } catch {
    return failWithReasons(cloudFormation, stackName, started, 'Deleting the stack')
  }
  log(`Stack ${stackName} deleted.`)
}
