// Command-line options of `npm run deploy` and `npm run destroy`.
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

export const DEFAULT_STACK_NAME = 'image-labels'
const STACK_NAME = /^[A-Za-z][A-Za-z0-9-]{0,127}$/
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/

/** Flag name → template parameter it sets. */
const PARAMETER_FLAGS = {
  'retention-days': 'UploadRetentionDays',
  'extra-origins': 'ExtraAllowedOrigins',
  'alarm-email': 'AlarmEmail',
  'daily-threshold': 'DetectLabelsDailyThreshold',
} as const

export const DEPLOY_USAGE = `Usage: npm run deploy -- --stack-name NAME --region REGION [options]
  --retention-days N      delete uploaded photos after N days (default 7)
  --extra-origins LIST    extra CORS origins for local development, comma-separated
  --alarm-email ADDRESS   e-mail told when DetectLabels calls pass the daily threshold
  --daily-threshold N     DetectLabels calls per day that raise the alarm (default 1000)
  --skip-smoke-test       do not try the guest upload and labelling after deploying`

export const DESTROY_USAGE = 'Usage: npm run destroy -- --stack-name NAME --region REGION'

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

function withUsage<T>(usage: string, parse: () => T): T {
  try {
    return parse()
  } catch (error) {
    throw new DeployError(`${error instanceof Error ? error.message : String(error)}\n${usage}`)
  }
}

export function parseDestroyOptions(argv: string[], env: NodeJS.ProcessEnv): StackOptions {
  const { values } = withUsage(DESTROY_USAGE, () =>
    parseArgs({
      args: argv,
      options: { 'stack-name': { type: 'string' }, region: { type: 'string' } },
      strict: true,
    }),
  )
  return stackOptions(values, env)
}

export function parseDeployOptions(argv: string[], env: NodeJS.ProcessEnv): DeployOptions {
  const { values } = withUsage(DEPLOY_USAGE, () =>
    parseArgs({
      args: argv,
      options: {
        'stack-name': { type: 'string' },
        region: { type: 'string' },
        'retention-days': { type: 'string' },
        'extra-origins': { type: 'string' },
        'alarm-email': { type: 'string' },
        'daily-threshold': { type: 'string' },
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
  return { ...base, parameters, skipSmokeTest: values['skip-smoke-test'] === true }
}
