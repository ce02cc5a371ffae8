// The daily cap's function (loaded from the template) and `npm run resume` against a mocked
// control plane: which Cognito and Scheduler calls they make, with what, and in which order.
import {
  DescribeIdentityPoolCommand,
  UpdateIdentityPoolCommand,
  type DescribeIdentityPoolCommandOutput,
} from '@aws-sdk/client-cognito-identity'
import { DescribeStacksCommand } from '@aws-sdk/client-cloudformation'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { runtimeConfigFor } from '../../infra/deploy-app.ts'
import { DeployError } from '../../infra/deploy-errors.ts'
import { resumeGuests } from '../../infra/resume-app.ts'
import { deleteSchedule, type Fetch } from '../../infra/schedule-api.ts'
import { readOutputs } from '../../infra/stack.ts'
import {
  FakeScheduler,
  loadGuestPauseHandler,
  type GuestPauseHandler,
} from './guest-pause-handler.ts'
import {
  IDENTITY_POOL_ID,
  REGION,
  STACK_NAME,
  clients,
  cloudFormationMock,
  cognitoMock,
  resetMocks,
  stack,
} from './mocked-aws.ts'

const CAP_ALARM = 'labels-test-DailyCapAlarm-1A2B3C'
const SCHEDULE = 'image-labels-resume-0b6e7a52-0000-4000-8000-000000000001'
const SCHEDULER_ROLE = 'arn:aws:iam::123456789012:role/labels-test-ResumeSchedulerRole-XYZ'
const FUNCTION_ARN = 'arn:aws:lambda:eu-west-1:123456789012:function:labels-test-GuestPause-ABC'
const NOW = new Date('2026-03-14T15:09:26.535Z')

const pool = (allowed: boolean): DescribeIdentityPoolCommandOutput => ({
  $metadata: { httpStatusCode: 200 },
  IdentityPoolId: IDENTITY_POOL_ID,
  IdentityPoolName: 'IdentityPool_Ab12Cd34',
  AllowUnauthenticatedIdentities: allowed,
  AllowClassicFlow: false,
  IdentityPoolTags: { 'image-labels:app': 'image-labels' },
})

function alarmEvent(alarmName: string, state: string) {
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        Sns: {
          Message: JSON.stringify({
            AlarmName: alarmName,
            NewStateValue: state,
            OldStateValue: 'OK',
            NewStateReason: 'Threshold Crossed',
          }),
        },
      },
    ],
  }
}

describe('the daily cap’s function, loaded from the template (mocked)', () => {
  let scheduler: FakeScheduler
  let handler: GuestPauseHandler
  let logs: string[]
  const context = { invokedFunctionArn: FUNCTION_ARN }

  const load = (pauseHours: string) =>
    loadGuestPauseHandler(
      scheduler,
      {
        IDENTITY_POOL_ID,
        CAP_ALARM_NAME: CAP_ALARM,
        PAUSE_HOURS: pauseHours,
        RESUME_SCHEDULE_NAME: SCHEDULE,
        SCHEDULER_ROLE_ARN: SCHEDULER_ROLE,
      },
      logs,
    )

  beforeEach(() => {
    resetMocks()
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(NOW)
    vi.stubEnv('AWS_REGION', REGION)
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'ASIAEXAMPLE')
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'secret')
    scheduler = new FakeScheduler()
    logs = []
    handler = load('24')
  })
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllEnvs()
  })

  it('pauses guests with UpdateIdentityPool, keeping the pool’s other settings, and schedules the resume 24 hours on', async () => {
    cognitoMock.on(DescribeIdentityPoolCommand).resolves(pool(true))
    cognitoMock.on(UpdateIdentityPoolCommand).resolves({})

    const result = await handler(alarmEvent(CAP_ALARM, 'ALARM'), context)

    expect(cognitoMock.commandCalls(DescribeIdentityPoolCommand)[0]?.args[0].input).toEqual({
      IdentityPoolId: IDENTITY_POOL_ID,
    })
    const updates = cognitoMock.commandCalls(UpdateIdentityPoolCommand)
    expect(updates.map((call) => call.args[0].input)).toEqual([
      {
        IdentityPoolId: IDENTITY_POOL_ID,
        IdentityPoolName: 'IdentityPool_Ab12Cd34',
        AllowUnauthenticatedIdentities: false,
        AllowClassicFlow: false,
      },
    ])
    expect(scheduler.calls.map((call) => call.operation)).toEqual([
      'DeleteSchedule',
      'CreateSchedule',
    ])
    expect(scheduler.schedules.get(SCHEDULE)).toEqual({
      Name: SCHEDULE,
      ScheduleExpression: 'at(2026-03-15T15:09:26)',
      ScheduleExpressionTimezone: 'UTC',
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      Target: { Arn: FUNCTION_ARN, RoleArn: SCHEDULER_ROLE, Input: '{"action":"resume"}' },
    })
    const pause = {
      paused: true,
      pausedAt: '2026-03-14T15:09:26.535Z',
      resumeAt: '2026-03-15T15:09:26.535Z',
    }
    expect(result).toEqual(pause)
    // When it paused is recorded in its log (the schedule itself holds when it resumes).
    expect(logs.map((line) => JSON.parse(line) as unknown)).toEqual([pause])
  })

  it('takes the pause length from PAUSE_HOURS and replaces a pending schedule', async () => {
    handler = load('6')
    cognitoMock.on(DescribeIdentityPoolCommand).resolves(pool(true))
    scheduler.schedules.set(SCHEDULE, { ScheduleExpression: 'at(2026-03-14T16:00:00)' })

    await handler(alarmEvent(CAP_ALARM, 'ALARM'), context)

    expect(scheduler.schedules.get(SCHEDULE)?.ScheduleExpression).toBe('at(2026-03-14T21:09:26)')
    expect(scheduler.calls.map((call) => call.operation)).toEqual([
      'DeleteSchedule',
      'CreateSchedule',
    ])
  })

  it.each([
    ['the e-mail threshold alarm', alarmEvent('labels-test-DetectLabelsAlarm-9Z8Y', 'ALARM')],
    ['the cap alarm going back to OK', alarmEvent(CAP_ALARM, 'OK')],
    ['an event without records', {}],
  ])('does nothing for %s', async (_, event) => {
    expect(await handler(event, context)).toEqual({ paused: false })
    expect(cognitoMock.calls()).toHaveLength(0)
    expect(scheduler.calls).toHaveLength(0)
  })

  it('does not update a pool that is already paused, but still schedules the resume', async () => {
    cognitoMock.on(DescribeIdentityPoolCommand).resolves(pool(false))
    await handler(alarmEvent(CAP_ALARM, 'ALARM'), context)
    expect(cognitoMock.commandCalls(UpdateIdentityPoolCommand)).toHaveLength(0)
    expect(scheduler.schedules.has(SCHEDULE)).toBe(true)
  })

  it('pauses before scheduling, so a Scheduler failure leaves guests out (and Lambda retries)', async () => {
    cognitoMock.on(DescribeIdentityPoolCommand).resolves(pool(true))
    scheduler.failNextCreate = Object.assign(new Error('Rate exceeded'), {
      name: 'ThrottlingException',
    })
    await expect(handler(alarmEvent(CAP_ALARM, 'ALARM'), context)).rejects.toThrow('Rate exceeded')
    expect(
      cognitoMock.commandCalls(UpdateIdentityPoolCommand)[0]?.args[0].input
        .AllowUnauthenticatedIdentities,
    ).toBe(false)
  })

  it('resumes guests when its schedule calls it, touching nothing else', async () => {
    cognitoMock.on(DescribeIdentityPoolCommand).resolves(pool(false))
    expect(await handler({ action: 'resume' }, context)).toEqual({ resumed: true })
    expect(cognitoMock.commandCalls(UpdateIdentityPoolCommand)[0]?.args[0].input).toEqual({
      IdentityPoolId: IDENTITY_POOL_ID,
      IdentityPoolName: 'IdentityPool_Ab12Cd34',
      AllowUnauthenticatedIdentities: true,
      AllowClassicFlow: false,
    })
    expect(scheduler.calls).toHaveLength(0)
  })
})

describe('npm run resume (mocked)', () => {
  const { cloudFormation, cognito } = clients()
  let deleted: string[]
  let logs: string[]
  const deps = () => ({
    cloudFormation,
    cognito,
    deleteSchedule: (name: string) => {
      deleted.push(name)
      return Promise.resolve(true)
    },
    log: (line: string) => logs.push(line),
  })

  beforeEach(() => {
    resetMocks()
    deleted = []
    logs = []
  })

  const withCap = () => {
    const capped = stack('UPDATE_COMPLETE')
    capped.Outputs = [
      ...(capped.Outputs ?? []),
      { OutputKey: 'ResumeScheduleName', OutputValue: SCHEDULE },
    ]
    return capped
  }

  it('lets guests in at once and deletes the pending schedule', async () => {
    cloudFormationMock.on(DescribeStacksCommand).resolves({ Stacks: [withCap()] })
    cognitoMock.on(DescribeIdentityPoolCommand).resolves(pool(false))
    const result = await resumeGuests({ stackName: STACK_NAME, region: REGION }, deps())
    expect(result).toEqual({ resumed: true, scheduleDeleted: true })
    expect(
      cognitoMock.commandCalls(UpdateIdentityPoolCommand)[0]?.args[0].input
        .AllowUnauthenticatedIdentities,
    ).toBe(true)
    expect(deleted).toEqual([SCHEDULE])
    expect(logs).toContain('Guests are let in again.')
  })

  it('says so when guests were not paused, and skips the schedule of a stack without a cap', async () => {
    cloudFormationMock.on(DescribeStacksCommand).resolves({ Stacks: [stack('UPDATE_COMPLETE')] })
    cognitoMock.on(DescribeIdentityPoolCommand).resolves(pool(true))
    const result = await resumeGuests({ stackName: STACK_NAME, region: REGION }, deps())
    expect(result).toEqual({ resumed: false, scheduleDeleted: false })
    expect(cognitoMock.commandCalls(UpdateIdentityPoolCommand)).toHaveLength(0)
    expect(deleted).toEqual([])
    expect(logs).toContain('Guests were not paused: nothing to resume.')
  })

  it('refuses a stack Image Labels did not create', async () => {
    cloudFormationMock
      .on(DescribeStacksCommand)
      .resolves({ Stacks: [stack('UPDATE_COMPLETE', { ours: false })] })
    await expect(
      resumeGuests({ stackName: STACK_NAME, region: REGION }, deps()),
    ).rejects.toBeInstanceOf(DeployError)
    expect(cognitoMock.calls()).toHaveLength(0)
  })
})

describe('deleting the resume schedule with a signed Scheduler request (mocked)', () => {
  const setup = {
    region: REGION,
    credentials: () =>
      Promise.resolve({ accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'secret', sessionToken: 't' }),
    sha256: clients().cloudFormation.config.sha256,
  }
  const answering = (status: number, body = '', errorType?: string) => {
    const requests: { url: string; init: RequestInit }[] = []
    const fetchStub: Fetch = (url, init) => {
      requests.push({ url, init })
      const headers = errorType ? { 'x-amzn-ErrorType': errorType } : undefined
      return Promise.resolve(new Response(body || null, { status, headers }))
    }
    return { requests, fetchStub }
  }

  it('sends DELETE /schedules/NAME in the default group, signed for scheduler in the region', async () => {
    const { requests, fetchStub } = answering(200, '{}')
    expect(await deleteSchedule(SCHEDULE, setup, fetchStub)).toBe(true)
    expect(requests).toHaveLength(1)
    const [request] = requests
    expect(request?.url).toBe(
      `https://scheduler.${REGION}.amazonaws.com/schedules/${SCHEDULE}?groupName=default`,
    )
    expect(request?.init.method).toBe('DELETE')
    const headers = request?.init.headers as Record<string, string>
    expect(headers.authorization).toMatch(
      new RegExp(
        `^AWS4-HMAC-SHA256 Credential=AKIAEXAMPLE/\\d{8}/${REGION}/scheduler/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token, Signature=[0-9a-f]{64}$`,
      ),
    )
    expect(headers['x-amz-security-token']).toBe('t')
  })

  it('answers false when there is no schedule, and explains other failures', async () => {
    expect(
      await deleteSchedule(
        SCHEDULE,
        setup,
        answering(404, '{}', 'ResourceNotFoundException').fetchStub,
      ),
    ).toBe(false)
    await expect(
      deleteSchedule(
        SCHEDULE,
        setup,
        answering(403, '{"Message":"not authorized"}', 'AccessDeniedException:http://internal')
          .fetchStub,
      ),
    ).rejects.toThrow(/AccessDeniedException .*not authorized/)
  })
})

describe('config.json of a stack with a daily cap (mocked)', () => {
  it('tells the app how long a pause lasts, and says nothing of it without a cap', () => {
    const capped = stack('UPDATE_COMPLETE')
    capped.Outputs = [
      ...(capped.Outputs ?? []),
      { OutputKey: 'GuestPauseHours', OutputValue: '12' },
    ]
    expect(runtimeConfigFor(readOutputs(capped)).guestPauseHours).toBe(12)
    expect(runtimeConfigFor(readOutputs(stack('UPDATE_COMPLETE')))).not.toHaveProperty(
      'guestPauseHours',
    )
  })
})
