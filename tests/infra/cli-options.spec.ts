import { describe, expect, it } from 'vitest'
import {
  DEPLOY_USAGE,
  DESTROY_USAGE,
  RESUME_USAGE,
  UsageRequested,
  parseDeployOptions,
  parseDestroyOptions,
  parseResumeOptions,
} from '../../infra/cli-options.ts'
import { parametersFor } from '../../infra/stack.ts'
import { loadTemplate } from './template-helpers.ts'
import { cacheControlFor, contentTypeFor } from '../../infra/site-files.ts'

describe('deploy and destroy options', () => {
  it('reads the stack name, region and template parameters', () => {
    expect(
      parseDeployOptions(
        [
          '--stack-name',
          'labels-prod',
          '--region',
          'eu-central-1',
          '--alarm-email',
          ' me@example.com ',
          '--retention-days',
          '3',
          '--extra-origins',
          'http://localhost:5173',
        ],
        {},
      ),
    ).toEqual({
      stackName: 'labels-prod',
      region: 'eu-central-1',
      parameters: {
        AlarmEmail: 'me@example.com',
        UploadRetentionDays: '3',
        ExtraAllowedOrigins: 'http://localhost:5173',
      },
      skipSmokeTest: false,
    })
  })

  it('falls back to AWS_REGION and the default stack name', () => {
    expect(parseDestroyOptions([], { AWS_REGION: 'us-west-2' })).toEqual({
      stackName: 'image-labels',
      region: 'us-west-2',
    })
    expect(parseDestroyOptions([], { AWS_DEFAULT_REGION: 'ap-south-1' }).region).toBe('ap-south-1')
  })

  it('rejects what would fail later or open the bucket to everyone', () => {
    expect(() => parseDeployOptions([], {})).toThrow(/--region/)
    expect(() => parseDeployOptions(['--region', 'Europe'], {})).toThrow(/not an AWS region name/)
    expect(() =>
      parseDeployOptions(['--region', 'eu-west-1', '--stack-name', '1bad_name'], {}),
    ).toThrow(/not a valid stack name/)
    expect(() =>
      parseDeployOptions(
        ['--region', 'eu-west-1', '--extra-origins', 'http://localhost:5173,*'],
        {},
      ),
    ).toThrow(/exact origins/)
    expect(() => parseDeployOptions(['--region', 'eu-west-1', '--stacks', 'x'], {})).toThrow(
      /Usage: npm run deploy/,
    )
  })
})

describe('daily cap options and --help', () => {
  const deploy = (...flags: string[]) => parseDeployOptions(['--region', 'eu-west-1', ...flags], {})

  it('turns --daily-cap and --pause-hours into the template’s parameters', () => {
    const { parameters } = deploy('--daily-cap', '500', '--pause-hours', '012')
    expect(parameters).toEqual({ DailyCap: '500', PauseHours: '12' })
    const template = loadTemplate()
    for (const name of Object.keys(parameters)) expect(template.Parameters[name]).toBeDefined()
    // A later deploy without them keeps the stack's values.
    const existing = {
      StackName: 'image-labels',
      StackStatus: 'UPDATE_COMPLETE' as const,
      CreationTime: new Date(),
      Parameters: [
        { ParameterKey: 'DailyCap', ParameterValue: '500' },
        { ParameterKey: 'PauseHours', ParameterValue: '12' },
      ],
    }
    expect(parametersFor(deploy().parameters, existing, 'UPDATE')).toEqual([
      { ParameterKey: 'DailyCap', UsePreviousValue: true },
      { ParameterKey: 'PauseHours', UsePreviousValue: true },
    ])
    expect(parametersFor(deploy('--daily-cap', '0').parameters, existing, 'UPDATE')).toEqual([
      { ParameterKey: 'DailyCap', ParameterValue: '0' },
      { ParameterKey: 'PauseHours', UsePreviousValue: true },
    ])
  })

  it('keeps the pause hours within what the template allows, and refuses what is not a whole number', () => {
    const maxHours = Number(loadTemplate().Parameters.PauseHours?.MaxValue)
    expect(deploy('--pause-hours', String(maxHours)).parameters.PauseHours).toBe(String(maxHours))
    expect(() => deploy('--pause-hours', String(maxHours + 1))).toThrow(/--pause-hours/)
    expect(() => deploy('--pause-hours', '0')).toThrow(/from 1 to/)
    expect(() => deploy('--daily-cap', '-5')).toThrow(/--daily-cap/)
    expect(() => deploy('--daily-cap', '2.5')).toThrow(/--daily-cap must be a whole number/)
    expect(() => deploy('--daily-cap', '1e3')).toThrow(/--daily-cap/)
    expect(() => deploy('--daily-cap', 'lots')).toThrow(/--daily-cap/)
  })

  it.each([
    ['deploy', (argv: string[]) => parseDeployOptions(argv, {}), DEPLOY_USAGE],
    ['destroy', (argv: string[]) => parseDestroyOptions(argv, {}), DESTROY_USAGE],
    ['resume', (argv: string[]) => parseResumeOptions(argv, {}), RESUME_USAGE],
  ])('%s --help asks for the usage before checking anything else', (_, parse, usage) => {
    for (const argv of [['--help'], ['-h'], ['--region', 'nowhere', '--help']]) {
      let thrown: unknown
      try {
        parse(argv)
      } catch (error) {
        thrown = error
      }
      expect(thrown).toBeInstanceOf(UsageRequested)
      expect((thrown as Error).message).toBe(usage)
    }
  })

  it('documents every deploy flag in the usage, and resume takes only the stack and region', () => {
    for (const flag of ['--daily-cap', '--pause-hours', '--help']) {
      expect(DEPLOY_USAGE).toContain(flag)
    }
    expect(parseResumeOptions(['--stack-name', 'labels', '--region', 'eu-west-1'], {})).toEqual({
      stackName: 'labels',
      region: 'eu-west-1',
    })
    expect(() => parseResumeOptions(['--region', 'eu-west-1', '--daily-cap', '5'], {})).toThrow(
      /Usage: npm run resume/,
    )
  })
})

describe('site file headers', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8', 'no-cache'],
    ['config.json', 'application/json; charset=utf-8', 'no-cache'],
    [
      'assets/index-ABC123.JS',
      'text/javascript; charset=utf-8',
      'public, max-age=31536000, immutable',
    ],
    [
      'assets/tfjs-backend-wasm-simd-1f2e.wasm',
      'application/wasm',
      'public, max-age=31536000, immutable',
    ],
    ['models/centernet/model.json', 'application/json; charset=utf-8', 'no-cache'],
    ['models/centernet/group1-shard1of2.bin', 'application/octet-stream', 'no-cache'],
    ['LICENSE', 'application/octet-stream', 'no-cache'],
  ])('%s is %s, %s', (key, contentType, cacheControl) => {
    expect(contentTypeFor(key)).toBe(contentType)
    expect(cacheControlFor(key)).toBe(cacheControl)
  })
})
