import { describe, expect, it } from 'vitest'
import { parseDeployOptions, parseDestroyOptions } from '../../infra/cli-options.ts'
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
