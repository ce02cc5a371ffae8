// `npm run resume`: lets guests in again at once after a daily-cap pause, then deletes the
// pending one-time schedule that would have done it later. Guest access first: should deleting
// the schedule fail, it only runs later as a no-op.
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation'
import type { CognitoIdentityClient } from '@aws-sdk/client-cognito-identity'
import type { StackOptions } from './cli-options.ts'
import { DeployError, explainAwsError } from './deploy-errors.ts'
import { setGuestAccess } from './guest-access.ts'
import { findStack, isAppStack, type Log } from './stack.ts'

export interface ResumeDependencies {
  cloudFormation: CloudFormationClient
  cognito: CognitoIdentityClient
  /** Answers true when a schedule was deleted, false when there was none. */
  deleteSchedule: (name: string) => Promise<boolean>
  log: Log
}

export interface ResumeResult {
  /** False when guests were not paused. */
  resumed: boolean
  scheduleDeleted: boolean
}

export async function resumeGuests(
  options: StackOptions,
  deps: ResumeDependencies,
): Promise<ResumeResult> {
  const { log } = deps
  try {
    const stack = await findStack(deps.cloudFormation, options.stackName)
    if (!stack) {
      throw new DeployError(`There is no stack "${options.stackName}" in ${options.region}.`)
    }
    if (!isAppStack(stack)) {
      throw new DeployError(
        `Stack "${options.stackName}" in ${options.region} was not created by Image Labels; refusing to change it.`,
      )
    }
    const output = (key: string) =>
      stack.Outputs?.find((candidate) => candidate.OutputKey === key)?.OutputValue
    const identityPoolId = output('IdentityPoolId')
    if (!identityPoolId) {
      throw new DeployError(`Stack "${options.stackName}" has no output IdentityPoolId.`)
    }
    const resumed = await setGuestAccess(deps.cognito, identityPoolId, true)
    log(resumed ? 'Guests are let in again.' : 'Guests were not paused: nothing to resume.')
    // Stacks deployed without --daily-cap have no schedule to delete.
    const scheduleName = output('ResumeScheduleName')
    const scheduleDeleted = scheduleName ? await deps.deleteSchedule(scheduleName) : false
    if (scheduleDeleted) log(`Deleted the pending resume schedule ${scheduleName ?? ''}.`)
    return { resumed, scheduleDeleted }
  } catch (error) {
    throw explainAwsError(error, options.region)
  }
}
