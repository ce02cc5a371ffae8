// Command-line options of `npm run deploy`, `npm run destroy` and `npm run resume`.
import { parseArgs } from 'node:util'
import { DeployError } from './deploy-errors.ts'

export interface StackOptions {
  stackName: string
  region: string
}

export interface DeployOptions extends StackOptions {
  /** Template parameters given on the command line; the others keep their previous values. */
  parameters: Record<string, string>
  skipSmokeTest: boolean
}

/** Thrown for --help: runCommand prints the usage and exits 0. */
export class UsageRequested extends Error {
  override name = 'UsageRequested'
}

export const DEFAULT_STACK_NAME = 'image-labels'
const STACK_NAME = /^[A-Za-z][A-Za-z0-9-]{0,127}$/
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/

/** Flag name → template parameter it sets. */
const PARAMETER_FLAGS = {
  'retention-days': 'UploadRetentionDays',
  'extra-origins': 'ExtraAllowedOrigins',
  'alarm-email': 'AlarmEmail',
  'daily-threshold': 'DetectLabelsDailyThreshold',
  'daily-cap': 'DailyCap',
  'pause-hours': 'PauseHours',
} as const

export const MAX_PAUSE_HOURS = 720

export const DEPLOY_USAGE = `Usage: npm run deploy -- --stack-name NAME --region REGION [options]
  --retention-days N      delete uploaded photos after N days (default 7)
  --extra-origins LIST    extra CORS origins for local development, comma-separated
  --alarm-email ADDRESS   e-mail told when DetectLabels calls pass the daily threshold
  --daily-threshold N     DetectLabels calls per day that raise the alarm (default 1000)
  --daily-cap N           DetectLabels calls per day after which guests are paused; 0 or absent
                          on the first deploy: no pause (later deploys keep the last value)
  --pause-hours H         hours a pause lasts before guests are let back in (default 24)
  --skip-smoke-test       do not try the guest upload and labelling after deploying
  --help                  print this and exit`

export const DESTROY_USAGE = `Usage: npm run destroy -- --stack-name NAME --region REGION
  Empties both buckets and deletes the stack.
  --help                  print this and exit`

export const RESUME_USAGE = `Usage: npm run resume -- --stack-name NAME --region REGION
  Lets guests in again at once after a daily-cap pause, and deletes the pending resume schedule.
  --help                  print this and exit`

const STACK_FLAGS = {
  'stack-name': { type: 'string' },
  region: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const

function stackOptions(
  values: { 'stack-name'?: string; region?: string },
  env: NodeJS.ProcessEnv,
): StackOptions {
  const stackName = values['stack-name'] ?? DEFAULT_STACK_NAME
  if (!STACK_NAME.test(stackName)) {
    throw new DeployError(
      `"${stackName}" is not a valid stack name: start with a letter, then letters, digits and hyphens (at most 128).`,
    )
  }
  const region = values.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION
  if (!region)
    throw new DeployError('Say which AWS region to use: --region eu-west-1 (or set AWS_REGION).')
  if (!REGION.test(region)) {
    throw new DeployError(`"${region}" is not an AWS region name (like us-east-1 or eu-west-1).`)
  }
  return { stackName, region }
}

/** Parses, answering --help with the usage before anything else is checked. */
function withUsage<T extends { values: { help?: boolean } }>(usage: string, parse: () => T): T {
  let parsed: T
  try {
    parsed = parse()
  } catch (error) {
    throw new DeployError(`${error instanceof Error ? error.message : String(error)}\n${usage}`)
  }
  if (parsed.values.help === true) throw new UsageRequested(usage)
  return parsed
}

export function parseDestroyOptions(argv: string[], env: NodeJS.ProcessEnv): StackOptions {
  const { values } = withUsage(DESTROY_USAGE, () =>
    parseArgs({ args: argv, options: STACK_FLAGS, strict: true }),
  )
  return stackOptions(values, env)
}

export function parseResumeOptions(argv: string[], env: NodeJS.ProcessEnv): StackOptions {
  const { values } = withUsage(RESUME_USAGE, () =>
    parseArgs({ args: argv, options: STACK_FLAGS, strict: true }),
  )
  return stackOptions(values, env)
}

/** A whole number within bounds, written without leading zeros (CloudFormation compares text). */
function wholeNumber(flag: string, text: string, min: number, max: number): string {
  const value = Number(text)
  if (!/^\d+$/.test(text) || value < min || value > max) {
    throw new DeployError(`--${flag} must be a whole number from ${min} to ${max}, not "${text}".`)
  }
  return String(value)
}

export function parseDeployOptions(argv: string[], env: NodeJS.ProcessEnv): DeployOptions {
  const { values } = withUsage(DEPLOY_USAGE, () =>
    parseArgs({
      args: argv,
      options: {
        ...STACK_FLAGS,
        'retention-days': { type: 'string' },
        'extra-origins': { type: 'string' },
        'alarm-email': { type: 'string' },
        'daily-threshold': { type: 'string' },
        'daily-cap': { type: 'string' },
        'pause-hours': { type: 'string' },
        'skip-smoke-test': { type: 'boolean' },
      },
      strict: true,
    }),
  )
  const base = stackOptions(values, env)
  const parameters: Record<string, string> = {}
  for (const flag of Object.keys(PARAMETER_FLAGS) as (keyof typeof PARAMETER_FLAGS)[]) {
    const parameter = PARAMETER_FLAGS[flag]
    const value = values[flag]
    if (value !== undefined) parameters[parameter] = value.trim()
  }
  const origins = parameters.ExtraAllowedOrigins
  if (origins !== undefined && origins.split(',').some((origin) => origin.includes('*'))) {
    throw new DeployError(
      '--extra-origins must list exact origins; "*" would let any site use the bucket.',
    )
  }
  if (parameters.DailyCap !== undefined) {
    parameters.DailyCap = wholeNumber('daily-cap', parameters.DailyCap, 0, Number.MAX_SAFE_INTEGER)
  }
  if (parameters.PauseHours !== undefined) {
    parameters.PauseHours = wholeNumber('pause-hours', parameters.PauseHours, 1, MAX_PAUSE_HOURS)
  }
  return { ...base, parameters, skipSmokeTest: values['skip-smoke-test'] === true }
}
