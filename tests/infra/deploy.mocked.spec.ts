// The deploy command with AWS's control plane mocked (CloudFormation, CloudFront, S3, Cognito):
// change sets, config.json, sync, invalidation, the guest smoke test and every failure it must
// explain. One job, one file: the cases share one mocked account and read best side by side.
import { readFileSync } from 'node:fs'
import { readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import {
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DescribeChangeSetCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
} from '@aws-sdk/client-cloudformation'
import { CreateInvalidationCommand, GetInvalidationCommand } from '@aws-sdk/client-cloudfront'
import { GetCredentialsForIdentityCommand, GetIdCommand } from '@aws-sdk/client-cognito-identity'
import { DetectLabelsCommand, RekognitionClient } from '@aws-sdk/client-rekognition'
import {
  DeleteObjectCommand,
  DeleteObjectsCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { DeployOptions } from '../../infra/cli-options.ts'
import { deployApp, type DeployDependencies } from '../../infra/deploy-app.ts'
import { DeployError } from '../../infra/deploy-errors.ts'
import { APP_TAG } from '../../infra/stack.ts'
import type { GuestCredentials } from '../../infra/smoke-test.ts'
import {
  BUILT_FILES,
  DISTRIBUTION_ID,
  FAST_WAIT,
  GUEST_ID,
  IDENTITY_POOL_ID,
  IMAGES_BUCKET,
  REGION,
  SITE_BUCKET,
  SITE_URL,
  STACK_NAME,
  awsError,
  clients,
  cloudFormationMock,
  cloudFrontMock,
  cognitoMock,
  fakeBuild,
  fakeSiteBucket,
  missingStackError,
  rekognitionMock,
  resetMocks,
  s3Mock,
  stack,
} from './mocked-aws.ts'

const TEMPLATE = readFileSync(new URL('../../infra/template.yaml', import.meta.url), 'utf8')
const PHOTO = readFileSync(new URL('../../infra/smoke-test-photo.jpg', import.meta.url))
const STARTED = new Date('2026-03-01T12:00:00Z')

const options = (parameters: Record<string, string> = {}): DeployOptions => ({
  stackName: STACK_NAME,
  region: REGION,
  parameters,
  skipSmokeTest: false,
})

let build: Awaited<ReturnType<typeof fakeBuild>>
let lines: string[]
let guestCredentials: GuestCredentials[]
let sleeps: number[]

function dependencies(overrides: Partial<DeployDependencies> = {}): DeployDependencies {
  return {
    ...clients(),
    guestClients: (credentials) => {
      guestCredentials.push(credentials)
      return {
        s3: new S3Client({ region: REGION, credentials }),
        rekognition: new RekognitionClient({ region: REGION, credentials }),
      }
    },
    hostResolves: () => Promise.resolve(true),
    buildApp: () => Promise.resolve(build.directory),
    templateBody: TEMPLATE,
    smokePhoto: PHOTO,
    wait: FAST_WAIT,
    log: (line) => lines.push(line),
    sleep: (milliseconds) => {
      sleeps.push(milliseconds)
      return Promise.resolve()
    },
    now: () => STARTED,
    ...overrides,
  }
}

function changeSetReady() {
  cloudFormationMock.on(DescribeChangeSetCommand).resolves({
    Status: 'CREATE_COMPLETE',
    ExecutionStatus: 'AVAILABLE',
    Changes: [
      {
        Type: 'Resource',
        ResourceChange: {
          Action: 'Add',
          LogicalResourceId: 'ImagesBucket',
          ResourceType: 'AWS::S3::Bucket',
        },
      },
      {
        Type: 'Resource',
        ResourceChange: {
          Action: 'Modify',
          LogicalResourceId: 'Distribution',
          ResourceType: 'AWS::CloudFront::Distribution',
          Replacement: 'True',
        },
      },
    ],
  })
}

function noChangesInChangeSet() {
  cloudFormationMock.on(DescribeChangeSetCommand).resolves({
    Status: 'FAILED',
    StatusReason:
      "The submitted information didn't contain changes. Submit different information to create a change set.",
  })
}

const GUEST_CREDENTIALS = {
  IdentityId: GUEST_ID,
  Credentials: {
    AccessKeyId: 'ASIAGUEST',
    SecretKey: 'guest-secret',
    SessionToken: 'guest-token',
    Expiration: new Date(),
  },
}

function guestServicesWork() {
  cognitoMock.on(GetIdCommand).resolves({ IdentityId: GUEST_ID })
  cognitoMock.on(GetCredentialsForIdentityCommand).resolves(GUEST_CREDENTIALS)
  s3Mock.on(PutObjectCommand, { Bucket: IMAGES_BUCKET }).resolves({})
  s3Mock.on(DeleteObjectCommand, { Bucket: IMAGES_BUCKET }).resolves({})
  rekognitionMock.on(DetectLabelsCommand).resolves({
    Labels: [
      { Name: 'Person', Confidence: 99 },
      { Name: 'Tie', Confidence: 90 },
    ],
  })
}

function invalidationsComplete() {
  cloudFrontMock.on(CreateInvalidationCommand).resolves({
    Invalidation: {
      Id: 'I2ABC',
      Status: 'InProgress',
      CreateTime: STARTED,
      InvalidationBatch: undefined,
    },
  })
  cloudFrontMock.on(GetInvalidationCommand).resolves({
    Invalidation: {
      Id: 'I2ABC',
      Status: 'Completed',
      CreateTime: STARTED,
      InvalidationBatch: undefined,
    },
  })
}

function sitePuts() {
  return s3Mock
    .commandCalls(PutObjectCommand, { Bucket: SITE_BUCKET })
    .map((call) => call.args[0].input)
}

beforeEach(async () => {
  resetMocks()
  build = await fakeBuild(BUILT_FILES)
  lines = []
  guestCredentials = []
  sleeps = []
  guestServicesWork()
  invalidationsComplete()
  s3Mock.on(DeleteObjectsCommand).resolves({})
})

afterEach(() => build.remove())

describe('deploy against a mocked AWS control plane (mocked)', () => {
  it('creates a new stack through a change set, uploads the site, invalidates and smoke-tests as a guest', async () => {
    cloudFormationMock
      .on(DescribeStacksCommand)
      .rejectsOnce(missingStackError())
      .resolves({ Stacks: [stack('CREATE_COMPLETE')] })
    changeSetReady()
    const bucket = fakeSiteBucket()

    const result = await deployApp(options({ AlarmEmail: 'me@example.com' }), dependencies())

    const [createCall] = cloudFormationMock.commandCalls(CreateChangeSetCommand)
    expect(createCall?.args[0].input).toMatchObject({
      StackName: STACK_NAME,
      ChangeSetType: 'CREATE',
      TemplateBody: TEMPLATE,
      Capabilities: ['CAPABILITY_IAM'],
      Tags: [APP_TAG],
      Parameters: [{ ParameterKey: 'AlarmEmail', ParameterValue: 'me@example.com' }],
    })
    const changeSetName = createCall?.args[0].input.ChangeSetName
    expect(
      cloudFormationMock.commandCalls(ExecuteChangeSetCommand, { ChangeSetName: changeSetName }),
    ).toHaveLength(1)
    expect(lines.some((line) => /Add\s+ImagesBucket\s+AWS::S3::Bucket/.test(line))).toBe(true)
    expect(lines.some((line) => /Modify\s+Distribution.*\(replacement\)/.test(line))).toBe(true)

    expect(JSON.parse(await readFile(join(build.directory, 'config.json'), 'utf8'))).toEqual({
      region: REGION,
      identityPoolId: IDENTITY_POOL_ID,
      imagesBucket: IMAGES_BUCKET,
      uploadRetentionDays: 7,
    })
    expect([...bucket.keys()].sort()).toEqual(
      [
        ...Object.keys(BUILT_FILES).filter((key) => !key.startsWith('.vite/')),
        'config.json',
      ].sort(),
    )
    const uploadOrder = sitePuts().map((input) => input.Key)
    expect(uploadOrder.slice(-2).sort()).toEqual(['config.json', 'index.html'])

    expect(cloudFrontMock.commandCalls(CreateInvalidationCommand)[0]?.args[0].input).toMatchObject({
      DistributionId: DISTRIBUTION_ID,
      InvalidationBatch: { Paths: { Quantity: 1, Items: ['/*'] } },
    })

    expect(cognitoMock.commandCalls(GetIdCommand)[0]?.args[0].input).toEqual({
      IdentityPoolId: IDENTITY_POOL_ID,
    })
    expect(guestCredentials).toEqual([
      { accessKeyId: 'ASIAGUEST', secretAccessKey: 'guest-secret', sessionToken: 'guest-token' },
    ])
    const guestKey = `u/${GUEST_ID}/deploy-smoke-test.jpg`
    const guestPut = s3Mock.commandCalls(PutObjectCommand, { Bucket: IMAGES_BUCKET })[0]?.args[0]
      .input
    expect(guestPut).toMatchObject({ Key: guestKey, ContentType: 'image/jpeg' })
    expect(Buffer.from(guestPut?.Body as Uint8Array).equals(PHOTO)).toBe(true)
    expect(rekognitionMock.commandCalls(DetectLabelsCommand)[0]?.args[0].input.Image).toEqual({
      S3Object: { Bucket: IMAGES_BUCKET, Name: guestKey },
    })
    expect(
      s3Mock.commandCalls(DeleteObjectCommand, { Bucket: IMAGES_BUCKET, Key: guestKey }),
    ).toHaveLength(1)

    expect(result).toMatchObject({
      stackChanged: true,
      invalidationId: 'I2ABC',
      smokeTest: { labels: ['Person', 'Tie'] },
    })
    expect(lines.at(-1)).toBe(`Image Labels is live at ${SITE_URL}`)
  })

  it('uploads each file with its Content-Type and Cache-Control', async () => {
    cloudFormationMock.on(DescribeStacksCommand).resolves({ Stacks: [stack('UPDATE_COMPLETE')] })
    changeSetReady()
    fakeSiteBucket()

    await deployApp(options(), dependencies())

    const headers = Object.fromEntries(
      sitePuts().map((input) => [input.Key, [input.ContentType, input.CacheControl]]),
    )
    const immutable = 'public, max-age=31536000, immutable'
    expect(headers).toEqual({
      'index.html': ['text/html; charset=utf-8', 'no-cache'],
      'config.json': ['application/json; charset=utf-8', 'no-cache'],
      'favicon.svg': ['image/svg+xml', 'no-cache'],
      'assets/index-a1b2c3.js': ['text/javascript; charset=utf-8', immutable],
      'assets/photo-worker-9f8e7d.js': ['text/javascript; charset=utf-8', immutable],
      'assets/index-d4e5f6.css': ['text/css; charset=utf-8', immutable],
      'assets/detector-0a1b2c.wasm': ['application/wasm', immutable],
    })
  })

  it('updates a stack of ours, keeping parameters not given, and deletes files that are gone', async () => {
    cloudFormationMock.on(DescribeStacksCommand).resolves({ Stacks: [stack('UPDATE_COMPLETE')] })
    changeSetReady()
    const bucket = fakeSiteBucket()
    bucket.set('assets/index-old999.js', {
      Bucket: SITE_BUCKET,
      Key: 'assets/index-old999.js',
      Body: Buffer.from('old'),
    })

    const result = await deployApp(options({ UploadRetentionDays: '30' }), dependencies())

    expect(cloudFormationMock.commandCalls(CreateChangeSetCommand)[0]?.args[0].input).toMatchObject(
      {
        ChangeSetType: 'UPDATE',
        Parameters: [
          { ParameterKey: 'UploadRetentionDays', ParameterValue: '30' },
          { ParameterKey: 'AlarmEmail', UsePreviousValue: true },
        ],
      },
    )
    expect(s3Mock.commandCalls(DeleteObjectsCommand)[0]?.args[0].input).toEqual({
      Bucket: SITE_BUCKET,
      Delete: { Objects: [{ Key: 'assets/index-old999.js' }], Quiet: true },
    })
    expect(result.sync.deleted).toEqual(['assets/index-old999.js'])
    expect(result.stackChanged).toBe(true)
  })

  it('says so when nothing changed, and a later deploy uploads only the changed files', async () => {
    cloudFormationMock.on(DescribeStacksCommand).resolves({ Stacks: [stack('UPDATE_COMPLETE')] })
    noChangesInChangeSet()
    const bucket = fakeSiteBucket()
    await deployApp(options(), dependencies())
    const firstUploads = sitePuts().length
    expect(firstUploads).toBe(bucket.size)

    s3Mock.resetHistory()
    cloudFrontMock.resetHistory()
    lines = []
    const second = await deployApp(options(), dependencies())
    expect(second).toMatchObject({
      stackChanged: false,
      invalidationId: undefined,
      sync: { uploaded: [], deleted: [] },
    })
    expect(sitePuts()).toEqual([])
    expect(cloudFrontMock.commandCalls(CreateInvalidationCommand)).toEqual([])
    expect(cloudFormationMock.commandCalls(ExecuteChangeSetCommand)).toEqual([])
    expect(cloudFormationMock.commandCalls(DeleteChangeSetCommand)).toHaveLength(2)
    expect(lines).toContain('The stack is up to date: no changes.')
    expect(lines).toContain('Nothing changed: the stack and the site are already up to date.')

    // A new build: one asset renamed (new hash), index.html changed with it.
    await rm(join(build.directory, 'assets/index-a1b2c3.js'))
    await writeFile(join(build.directory, 'assets/index-77aa88.js'), 'console.log("app v2")')
    await writeFile(
      join(build.directory, 'index.html'),
      '<!doctype html><script type="module" src="/assets/index-77aa88.js"></script>',
    )
    s3Mock.resetHistory()
    const third = await deployApp(options(), dependencies())
    expect(sitePuts().map((input) => input.Key)).toEqual(['assets/index-77aa88.js', 'index.html'])
    expect(third.sync.deleted).toEqual(['assets/index-a1b2c3.js'])
    expect(third.invalidationId).toBe('I2ABC')
  })

  it('prints the failing resources and their reasons when creating the stack fails', async () => {
    cloudFormationMock
      .on(DescribeStacksCommand)
      .rejectsOnce(missingStackError())
      .resolves({ Stacks: [stack('ROLLBACK_COMPLETE')] })
    changeSetReady()
    const after = (seconds: number) => new Date(STARTED.getTime() + seconds * 1000)
    cloudFormationMock.on(DescribeStackEventsCommand).resolves({
      StackEvents: [
        {
          StackId: 's',
          EventId: '5',
          StackName: STACK_NAME,
          Timestamp: after(90),
          LogicalResourceId: STACK_NAME,
          ResourceType: 'AWS::CloudFormation::Stack',
          ResourceStatus: 'ROLLBACK_COMPLETE',
        },
        {
          StackId: 's',
          EventId: '4',
          StackName: STACK_NAME,
          Timestamp: after(60),
          LogicalResourceId: 'Distribution',
          ResourceType: 'AWS::CloudFront::Distribution',
          ResourceStatus: 'CREATE_FAILED',
          ResourceStatusReason: 'Resource creation cancelled',
        },
        {
          StackId: 's',
          EventId: '3',
          StackName: STACK_NAME,
          Timestamp: after(30),
          LogicalResourceId: 'SecurityHeadersPolicy',
          ResourceType: 'AWS::CloudFront::ResponseHeadersPolicy',
          ResourceStatus: 'CREATE_FAILED',
          ResourceStatusReason: 'The parameter Content-Security-Policy is too long.',
        },
        {
          StackId: 's',
          EventId: '2',
          StackName: STACK_NAME,
          Timestamp: after(1),
          LogicalResourceId: STACK_NAME,
          ResourceType: 'AWS::CloudFormation::Stack',
          ResourceStatus: 'CREATE_IN_PROGRESS',
          ResourceStatusReason: 'User Initiated',
        },
        {
          StackId: 's',
          EventId: '1',
          StackName: STACK_NAME,
          Timestamp: new Date(STARTED.getTime() - 120_000),
          LogicalResourceId: 'Old',
          ResourceType: 'AWS::S3::Bucket',
          ResourceStatus: 'CREATE_FAILED',
          ResourceStatusReason: 'an earlier failure',
        },
      ],
    })

    const failure = deployApp(options(), dependencies())
    await expect(failure).rejects.toThrow(DeployError)
    await expect(failure).rejects.toThrow(
      /Creating the stack failed; the stack is now ROLLBACK_COMPLETE/,
    )
    await expect(failure).rejects.toThrow(
      'SecurityHeadersPolicy (AWS::CloudFront::ResponseHeadersPolicy): The parameter Content-Security-Policy is too long.',
    )
    await expect(failure).rejects.not.toThrow(/an earlier failure/)
    await expect(failure).rejects.toThrow(
      /remove it with `npm run destroy -- --stack-name labels-test --region eu-west-1`/,
    )
    expect(s3Mock.commandCalls(PutObjectCommand)).toEqual([])
  })

  it('reports a change set CloudFormation rejects', async () => {
    cloudFormationMock.on(DescribeStacksCommand).resolves({ Stacks: [stack('UPDATE_COMPLETE')] })
    cloudFormationMock.on(DescribeChangeSetCommand).resolves({
      Status: 'FAILED',
      StatusReason: 'Template format error: Unresolved resource dependencies [Nope]',
    })
    await expect(deployApp(options(), dependencies())).rejects.toThrow(
      'CloudFormation rejected the change set: Template format error: Unresolved resource dependencies [Nope]',
    )
    expect(cloudFormationMock.commandCalls(ExecuteChangeSetCommand)).toEqual([])
  })

  it('passes on what CloudFormation says is wrong with a parameter', async () => {
    cloudFormationMock.on(DescribeStacksCommand).resolves({ Stacks: [stack('UPDATE_COMPLETE')] })
    cloudFormationMock
      .on(CreateChangeSetCommand)
      .rejects(
        awsError(
          'ValidationError',
          'Parameter AlarmEmail failed to satisfy constraint: an e-mail address, or empty for none',
        ),
      )
    const failure = deployApp(options({ AlarmEmail: 'not-an-address' }), dependencies())
    await expect(failure).rejects.toThrow(DeployError)
    await expect(failure).rejects.toThrow(
      'CloudFormation: Parameter AlarmEmail failed to satisfy constraint',
    )
  })

  it('does not fail the deploy when the invalidation is slow', async () => {
    cloudFormationMock.on(DescribeStacksCommand).resolves({ Stacks: [stack('UPDATE_COMPLETE')] })
    noChangesInChangeSet()
    fakeSiteBucket()
    cloudFrontMock.on(GetInvalidationCommand).resolves({
      Invalidation: {
        Id: 'I2ABC',
        Status: 'InProgress',
        CreateTime: STARTED,
        InvalidationBatch: undefined,
      },
    })
    const result = await deployApp(
      options(),
      dependencies({ wait: { minDelay: 0.01, maxDelay: 0.02, maxWaitTime: 0.1 } }),
    )
    expect(result.invalidationId).toBe('I2ABC')
    expect(lines.join('\n')).toMatch(/invalidation I2ABC is still running/)
    expect(result.smokeTest?.labels).toEqual(['Person', 'Tie'])
  })

  it.each([
    [
      'a name taken by another stack',
      stack('CREATE_COMPLETE', { ours: false }),
      /already taken in eu-west-1 by a stack that is not an Image Labels stack/,
    ],
    [
      'a stack in a failed state',
      stack('ROLLBACK_COMPLETE'),
      /failed state ROLLBACK_COMPLETE.*npm run destroy -- --stack-name labels-test --region eu-west-1/,
    ],
    [
      'a stack in UPDATE_ROLLBACK_FAILED',
      stack('UPDATE_ROLLBACK_FAILED'),
      /continue-update-rollback/,
    ],
    ['a busy stack', stack('UPDATE_IN_PROGRESS'), /busy \(UPDATE_IN_PROGRESS\)/],
  ])('refuses %s before changing anything', async (_, existing, message) => {
    cloudFormationMock.on(DescribeStacksCommand).resolves({ Stacks: [existing] })
    await expect(deployApp(options(), dependencies())).rejects.toThrow(message)
    expect(cloudFormationMock.commandCalls(CreateChangeSetCommand)).toEqual([])
  })

  it('explains missing, expired and rejected credentials', async () => {
    cloudFormationMock
      .on(DescribeStacksCommand)
      .rejects(
        awsError('CredentialsProviderError', 'Could not load credentials from any providers'),
      )
    await expect(deployApp(options(), dependencies())).rejects.toThrow(/No AWS credentials found/)
    cloudFormationMock
      .on(DescribeStacksCommand)
      .rejects(awsError('ExpiredToken', 'The security token included in the request is expired'))
    await expect(deployApp(options(), dependencies())).rejects.toThrow(/credentials have expired/)
    cloudFormationMock
      .on(DescribeStacksCommand)
      .rejects(
        awsError('InvalidClientTokenId', 'The security token included in the request is invalid.'),
      )
    await expect(deployApp(options(), dependencies())).rejects.toThrow(
      /rejected your credentials in eu-west-1.*opt-in region/,
    )
  })

  it('stops at a wrong region before calling CloudFormation', async () => {
    const noRekognition = dependencies({
      hostResolves: (host) => Promise.resolve(!host.startsWith('rekognition.')),
    })
    await expect(deployApp(options(), noRekognition)).rejects.toThrow(
      'Amazon Rekognition is not offered in eu-west-1',
    )
    const noRegion = dependencies({ hostResolves: () => Promise.resolve(false) })
    await expect(deployApp({ ...options(), region: 'eu-nowhere-9' }, noRegion)).rejects.toThrow(
      /"eu-nowhere-9" is not an AWS region/,
    )
    expect(cloudFormationMock.calls()).toEqual([])
  })

  it('fails the deploy when a guest cannot upload, after retrying for IAM to settle', async () => {
    cloudFormationMock.on(DescribeStacksCommand).resolves({ Stacks: [stack('UPDATE_COMPLETE')] })
    noChangesInChangeSet()
    fakeSiteBucket()
    s3Mock
      .on(PutObjectCommand, { Bucket: IMAGES_BUCKET })
      .rejects(awsError('AccessDenied', 'Access Denied'))

    await expect(deployApp(options(), dependencies())).rejects.toThrow(
      'Smoke test failed at PutObject as a guest: AccessDenied: Access Denied',
    )
    expect(sleeps.length).toBeGreaterThan(0)
    expect(s3Mock.commandCalls(PutObjectCommand, { Bucket: IMAGES_BUCKET })).toHaveLength(
      sleeps.length + 1,
    )
    expect(rekognitionMock.commandCalls(DetectLabelsCommand)).toEqual([])
  })

  it('retries while a freshly attached guest role spreads through IAM', async () => {
    cloudFormationMock.on(DescribeStacksCommand).resolves({ Stacks: [stack('UPDATE_COMPLETE')] })
    noChangesInChangeSet()
    fakeSiteBucket()
    cognitoMock
      .on(GetCredentialsForIdentityCommand)
      .rejectsOnce(
        awsError(
          'InvalidIdentityPoolConfigurationException',
          'Invalid identity pool configuration. Check assigned IAM roles for this pool.',
        ),
      )
      .resolves(GUEST_CREDENTIALS)
    const result = await deployApp(options(), dependencies())
    expect(sleeps).toEqual([2000])
    expect(result.smokeTest?.labels).toEqual(['Person', 'Tie'])
  })

  it('still deletes the test photo when labelling fails', async () => {
    cloudFormationMock.on(DescribeStacksCommand).resolves({ Stacks: [stack('UPDATE_COMPLETE')] })
    noChangesInChangeSet()
    fakeSiteBucket()
    rekognitionMock
      .on(DetectLabelsCommand)
      .rejects(awsError('InvalidImageFormatException', 'Request has invalid image format'))

    await expect(deployApp(options(), dependencies())).rejects.toThrow(
      'Smoke test failed at DetectLabels',
    )
    expect(s3Mock.commandCalls(DeleteObjectCommand, { Bucket: IMAGES_BUCKET })).toHaveLength(1)
  })

  it('skips the smoke test when asked', async () => {
    cloudFormationMock.on(DescribeStacksCommand).resolves({ Stacks: [stack('UPDATE_COMPLETE')] })
    noChangesInChangeSet()
    fakeSiteBucket()
    const spy = vi.fn()
    const result = await deployApp(
      { ...options(), skipSmokeTest: true },
      dependencies({ guestClients: spy }),
    )
    expect(result.smokeTest).toBeUndefined()
    expect(spy).not.toHaveBeenCalled()
    expect(cognitoMock.calls()).toEqual([])
  })
})
