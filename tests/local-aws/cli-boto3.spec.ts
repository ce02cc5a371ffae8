// The Rekognition tutorial's flow with the AWS CLI and boto3 from Debian (not the pyenv shims on
// PATH), against the endpoint started as `npm run local-aws` starts it, with the admin profile.
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LocalAppConfig } from '../../local-aws/server.ts'

const run = promisify(execFile)
const awsCli = '/usr/bin/aws'
const python = '/usr/bin/python3'
const catPhoto = resolve('tests/fixtures/photos/chelsea.png')

async function startEndpointProcess(
  dataDir: string,
): Promise<{ child: ChildProcess; endpoint: string; output: () => string }> {
  const child = spawn(
    resolve('node_modules/.bin/tsx'),
    ['local-aws/main.ts', '--port', '0', '--data', dataDir],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let output = ''
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const endpoint = await new Promise<string>((resolveEndpoint, reject) => {
    const timer = setTimeout(() => reject(new Error(`no listening line in: ${output}`)), 90_000)
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const match = /^Local AWS listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(output)
      if (match) {
        clearTimeout(timer)
        resolveEndpoint(match[1]!)
      }
    })
    child.once('exit', (code) => reject(new Error(`exited with ${code}: ${output}`)))
  })
  return { child, endpoint, output: () => output }
}

describe('AWS CLI and boto3 with the local admin profile (real detector)', () => {
  let dataDir: string
  let endpoint: string
  let child: ChildProcess
  let config: LocalAppConfig
  let env: NodeJS.ProcessEnv

  const aws = async (...args: string[]): Promise<string> =>
    (await run(awsCli, ['--profile', 'local', '--endpoint-url', endpoint, ...args], { env })).stdout

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'local-aws-cli-'))
    const started = await startEndpointProcess(dataDir)
    child = started.child
    endpoint = started.endpoint
    config = JSON.parse(await readFile(join(dataDir, 'config.json'), 'utf8')) as LocalAppConfig
    const inherited = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_')),
    )
    env = {
      ...inherited,
      AWS_SHARED_CREDENTIALS_FILE: join(dataDir, 'credentials'),
      AWS_CONFIG_FILE: join(dataDir, 'aws-config'),
      AWS_PAGER: '',
    }
  })
  afterAll(async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolveExit) => child.once('exit', resolveExit))
      child.kill('SIGTERM')
      await exited
    }
    await rm(dataDir, { recursive: true, force: true })
  })

  it('writes the app config for the endpoint it listens on', () => {
    expect(config.endpoint).toBe(endpoint)
    expect(config.region).toBe('us-east-1')
    expect(config.identityPoolId).toMatch(/^us-east-1:[0-9a-f-]{36}$/)
    expect(config.imagesBucket).toMatch(/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/)
  })

  it('uploads with aws s3 cp, lists with aws s3 ls and labels with aws rekognition', async () => {
    await aws('s3', 'cp', catPhoto, `s3://${config.imagesBucket}/photos/chelsea.png`)
    const listing = await aws('s3', 'ls', `s3://${config.imagesBucket}/photos/`)
    const size = (await readFile(catPhoto)).length
    expect(listing).toMatch(new RegExp(`\\s${size} chelsea\\.png`))
    const labels = JSON.parse(
      await aws(
        'rekognition',
        'detect-labels',
        '--image',
        JSON.stringify({ S3Object: { Bucket: config.imagesBucket, Name: 'photos/chelsea.png' } }),
        '--max-labels',
        '10',
      ),
    ) as { Labels: { Name: string; Confidence: number }[] }
    const cat = labels.Labels.find((label) => label.Name === 'Cat')
    expect(cat?.Confidence).toBeGreaterThanOrEqual(55)
    const copy = join(dataDir, 'copy.png')
    await aws('s3', 'cp', `s3://${config.imagesBucket}/photos/chelsea.png`, copy)
    expect((await readFile(copy)).equals(await readFile(catPhoto))).toBe(true)
  })

  it('labels and reads back with boto3', async () => {
    const script = join(dataDir, 'label.py')
    await writeFile(
      script,
      [
        'import json, sys',
        'import boto3',
        'endpoint, bucket, key = sys.argv[1:4]',
        "session = boto3.Session(profile_name='local')",
        "rekognition = session.client('rekognition', endpoint_url=endpoint)",
        "response = rekognition.detect_labels(Image={'S3Object': {'Bucket': bucket, 'Name': key}}, MaxLabels=10)",
        "body = session.resource('s3', endpoint_url=endpoint).Object(bucket, key).get()['Body'].read()",
        "print(json.dumps({'labels': [label['Name'] for label in response['Labels']], 'size': len(body)}))",
      ].join('\n'),
    )
    await aws('s3', 'cp', catPhoto, `s3://${config.imagesBucket}/photos/boto.png`)
    const { stdout } = await run(
      python,
      [script, endpoint, config.imagesBucket, 'photos/boto.png'],
      { env },
    )
    const result = JSON.parse(stdout) as { labels: string[]; size: number }
    expect(result.labels).toContain('Cat')
    expect(result.labels.length).toBeLessThanOrEqual(10)
    expect(result.size).toBe((await readFile(catPhoto)).length)
  })
})
