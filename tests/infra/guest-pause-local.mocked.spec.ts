// The daily cap's whole loop on the local endpoint: the function's code, loaded from the
// template, pauses the local pool for real (its SDK client finds the endpoint through
// AWS_ENDPOINT_URL, as a Lambda's would find Cognito); guests are then refused as Cognito refuses
// them; its schedule's own input, or `npm run resume`, lets them in again. Only the control
// plane is stood in for: CloudFormation's stack description (aws-sdk-client-mock) and
// EventBridge Scheduler (FakeScheduler).
import { performance } from 'node:perf_hooks'
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation'
import {
  CognitoIdentityClient,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
} from '@aws-sdk/client-cognito-identity'
import { ListObjectsV2Command } from '@aws-sdk/client-s3'
import { mockClient } from 'aws-sdk-client-mock'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { resumeGuests } from '../../infra/resume-app.ts'
import { APP_TAG } from '../../infra/stack.ts'
import {
  errorName,
  fakeDetector,
  newGuest,
  startTestEndpoint,
  type TestEndpoint,
} from '../local-aws/helpers.ts'
import {
  FakeScheduler,
  loadGuestPauseHandler,
  type GuestPauseHandler,
} from './guest-pause-handler.ts'

const CAP_ALARM = 'image-labels-DailyCapAlarm-LOCAL'
const SCHEDULE = 'image-labels-resume-local'
const STACK_NAME = 'image-labels'
const context = { invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:pause' }
const capReached = {
  Records: [{ Sns: { Message: JSON.stringify({ AlarmName: CAP_ALARM, NewStateValue: 'ALARM' }) } }],
}

/**
 * Milliseconds from the start of `action` until `probe` first answers as wanted. The change is
 * made before `action` returns, so the first probe after it must already see it.
 */
async function timeUntil(
  action: () => Promise<unknown>,
  probe: () => Promise<boolean>,
): Promise<number> {
  const started = performance.now()
  await action()
  expect(await probe()).toBe(true)
  return Math.round(performance.now() - started)
}

describe('the daily cap’s loop against the local endpoint (Scheduler and CloudFormation stood in)', () => {
  const cloudFormationMock = mockClient(CloudFormationClient)
  let endpoint: TestEndpoint
  let scheduler: FakeScheduler
  let handler: GuestPauseHandler
  let anonymous: CognitoIdentityClient
  let poolId: string
  const timeline: Record<string, number> = {}

  const guestsRefused = async () =>
    (await errorName(anonymous.send(new GetIdCommand({ IdentityPoolId: poolId })))) ===
    'NotAuthorizedException'
  const guestsServed = async () => {
    try {
      const { IdentityId } = await anonymous.send(new GetIdCommand({ IdentityPoolId: poolId }))
      const { Credentials } = await anonymous.send(
        new GetCredentialsForIdentityCommand({ IdentityId }),
      )
      return Boolean(Credentials?.SessionToken)
    } catch {
      return false
    }
  }

  beforeAll(async () => {
    endpoint = await startTestEndpoint({ detector: fakeDetector() })
    const { region, endpoint: url, identityPoolId } = endpoint.aws.config
    poolId = identityPoolId
    // What Lambda gives a function: its region and role credentials in the environment; the
    // endpoint variable points its SDK clients here instead of at AWS.
    vi.stubEnv('AWS_ENDPOINT_URL', url)
    vi.stubEnv('AWS_REGION', region)
    vi.stubEnv('AWS_ACCESS_KEY_ID', endpoint.aws.adminCredentials.accessKeyId)
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', endpoint.aws.adminCredentials.secretAccessKey)
    vi.stubEnv('AWS_SESSION_TOKEN', undefined)
    vi.stubEnv('AWS_PROFILE', undefined)
    scheduler = new FakeScheduler()
    handler = loadGuestPauseHandler(scheduler, {
      IDENTITY_POOL_ID: poolId,
      CAP_ALARM_NAME: CAP_ALARM,
      PAUSE_HOURS: '24',
      RESUME_SCHEDULE_NAME: SCHEDULE,
      SCHEDULER_ROLE_ARN: 'arn:aws:iam::000000000000:role/resume',
    })
    anonymous = new CognitoIdentityClient({ region, endpoint: url, maxAttempts: 1 })
    cloudFormationMock.on(DescribeStacksCommand).resolves({
      Stacks: [
        {
          StackName: STACK_NAME,
          StackStatus: 'UPDATE_COMPLETE',
          CreationTime: new Date(),
          Tags: [{ ...APP_TAG }],
          Outputs: [
            { OutputKey: 'IdentityPoolId', OutputValue: poolId },
            { OutputKey: 'ResumeScheduleName', OutputValue: SCHEDULE },
          ],
        },
      ],
    })
  })
  afterAll(async () => {
    vi.unstubAllEnvs()
    cloudFormationMock.restore()
    await endpoint.stop()
    console.log(`guest pause timeline on the local endpoint (ms): ${JSON.stringify(timeline)}`)
  })

  it('pauses for real when the cap alarm fires: new and returning guests refused, current credentials still read My photos', async () => {
    const returning = await newGuest(endpoint.aws)
    expect(await guestsServed()).toBe(true)

    timeline.alarmToRefused = await timeUntil(() => handler(capReached, context), guestsRefused)
    expect(endpoint.logs).toEqual(
      expect.arrayContaining([expect.stringMatching(/^POST UpdateIdentityPool caller=admin 200 /)]),
    )

    expect(
      await errorName(
        anonymous.send(new GetCredentialsForIdentityCommand({ IdentityId: returning.identityId })),
      ),
    ).toBe('NotAuthorizedException')
    const listing = await returning.s3.send(
      new ListObjectsV2Command({
        Bucket: endpoint.aws.config.imagesBucket,
        Prefix: `u/${returning.identityId}/`,
      }),
    )
    expect(listing.$metadata.httpStatusCode).toBe(200)
    expect(scheduler.schedules.get(SCHEDULE)?.ScheduleExpression).toMatch(
      /^at\(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\)$/,
    )
  })

  it('lets guests in again when its schedule comes due (the schedule’s own input)', async () => {
    const schedule = scheduler.schedules.get(SCHEDULE)
    const input = (schedule?.Target as { Input?: string } | undefined)?.Input
    expect(input).toBeDefined()
    timeline.scheduledResumeToServed = await timeUntil(
      () => handler(JSON.parse(input ?? '{}'), context),
      guestsServed,
    )
  })

  it('lets guests in again at once with npm run resume, deleting the pending schedule', async () => {
    await handler(capReached, context)
    expect(await guestsRefused()).toBe(true)
    expect(scheduler.schedules.has(SCHEDULE)).toBe(true)

    const { region, endpoint: url } = endpoint.aws.config
    const deleted: string[] = []
    let result: Awaited<ReturnType<typeof resumeGuests>> | undefined
    timeline.resumeCommandToServed = await timeUntil(async () => {
      result = await resumeGuests(
        { stackName: STACK_NAME, region },
        {
          cloudFormation: new CloudFormationClient({ region }),
          cognito: new CognitoIdentityClient({
            region,
            endpoint: url,
            credentials: endpoint.aws.adminCredentials,
          }),
          deleteSchedule: (name) => {
            deleted.push(name)
            return Promise.resolve(scheduler.schedules.delete(name))
          },
          log: () => undefined,
        },
      )
    }, guestsServed)
    expect(result).toEqual({ resumed: true, scheduleDeleted: true })
    expect(deleted).toEqual([SCHEDULE])
    expect(scheduler.schedules.size).toBe(0)
  })
})
