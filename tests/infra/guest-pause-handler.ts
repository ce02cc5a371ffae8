// Loads the daily cap's Lambda handler from its inline code in infra/template.yaml and runs it
// here as Lambda would (a CommonJS index.js): the real Cognito Identity SDK client, and a
// stand-in for the EventBridge Scheduler client (a control-plane service that cannot run here
// and whose SDK package the project does not carry) that keeps its schedules in memory.
import { compileFunction } from 'node:vm'
import * as cognitoIdentity from '@aws-sdk/client-cognito-identity'
import { asObject, at, loadTemplate, properties } from './template-helpers.ts'

export interface LambdaContext {
  invokedFunctionArn: string
}

export type GuestPauseHandler = (event: unknown, context: LambdaContext) => Promise<unknown>

type Input = Record<string, unknown>

/** An error as the SDK throws it: its name is the service's error code. */
function serviceError(name: string, message: string): Error {
  return Object.assign(new Error(message), { name })
}

function schedulerClientClass(answer: (operation: string, input: Input) => Input) {
  return class {
    send(command: { operation: string; input: Input }): Promise<Input> {
      try {
        return Promise.resolve(answer(command.operation, command.input))
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)))
      }
    }
  }
}

/** Schedules by name, and every call made, in order. */
export class FakeScheduler {
  readonly schedules = new Map<string, Input>()
  readonly calls: { operation: string; input: Input }[] = []
  /** Set to make the next CreateSchedule fail. */
  failNextCreate: Error | undefined

  /** What `require('@aws-sdk/client-scheduler')` gives the handler; all its clients share this. */
  readonly module = {
    SchedulerClient: schedulerClientClass((operation, input) => this.answer(operation, input)),
    CreateScheduleCommand: class {
      readonly operation = 'CreateSchedule'
      constructor(readonly input: Input) {}
    },
    DeleteScheduleCommand: class {
      readonly operation = 'DeleteSchedule'
      constructor(readonly input: Input) {}
    },
  }

  private answer(operation: string, input: Input): Input {
    this.calls.push({ operation, input })
    const name = String(input.Name)
    if (operation === 'DeleteSchedule') {
      if (!this.schedules.delete(name)) {
        throw serviceError('ResourceNotFoundException', `Schedule ${name} does not exist.`)
      }
      return {}
    }
    if (operation === 'CreateSchedule') {
      const failure = this.failNextCreate
      this.failNextCreate = undefined
      if (failure) throw failure
      if (this.schedules.has(name)) {
        throw serviceError('ConflictException', `Schedule ${name} already exists.`)
      }
      this.schedules.set(name, input)
      return { ScheduleArn: `arn:aws:scheduler:eu-west-1:123456789012:schedule/default/${name}` }
    }
    throw serviceError('UnknownOperationException', operation)
  }
}

/** The function's inline source and the names of the environment variables the template sets. */
export function guestPauseFunction(): { code: string; environment: string[] } {
  const template = loadTemplate()
  const code = at(properties(template, 'GuestPauseFunction'), 'Code.ZipFile')
  if (typeof code !== 'string') throw new Error('GuestPauseFunction has no inline code')
  const variables = asObject(
    at(properties(template, 'GuestPauseFunction'), 'Environment.Variables'),
    'Environment.Variables',
  )
  return { code, environment: Object.keys(variables) }
}

/**
 * Compiles the handler with `environment` as its process.env; that must name exactly the
 * variables the template gives the function, so the code and the template cannot drift apart.
 * The SDK clients read their own settings (region, endpoint, credentials) from the real
 * process.env, as they do in Lambda.
 */
export function loadGuestPauseHandler(
  scheduler: FakeScheduler,
  environment: Record<string, string>,
  /** Receives what the function logs. */
  logs: string[] = [],
): GuestPauseHandler {
  const { code, environment: names } = guestPauseFunction()
  if ([...names].sort().join() !== Object.keys(environment).sort().join()) {
    throw new Error(`the function's environment is ${names.join(', ')}`)
  }
  const modules: Record<string, unknown> = {
    '@aws-sdk/client-cognito-identity': cognitoIdentity,
    '@aws-sdk/client-scheduler': scheduler.module,
  }
  const require = (name: string): unknown => {
    if (!(name in modules)) throw new Error(`the function requires ${name}, which Lambda lacks`)
    return modules[name]
  }
  const module = { exports: {} as Record<string, unknown> }
  const load = compileFunction(code, ['exports', 'require', 'module', 'process', 'console'])
  const log = { log: (...parts: unknown[]) => logs.push(parts.map(String).join(' ')) }
  load(module.exports, require, module, { env: { ...environment } }, log)
  const handler = module.exports.handler
  if (typeof handler !== 'function') throw new Error('the inline code exports no handler')
  return (event, context) => Promise.resolve(handler(event, context))
}
