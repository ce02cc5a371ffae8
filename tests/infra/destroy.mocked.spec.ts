import {
  DeleteStackCommand,
  DescribeStackEventsCommand,
  DescribeStackResourcesCommand,
  DescribeStacksCommand,
} from '@aws-sdk/client-cloudformation'
import {
  DeleteObjectsCommand,
  ListObjectVersionsCommand,
  type DeleteObjectsCommandInput,
} from '@aws-sdk/client-s3'
import { beforeEach, describe, expect, it } from 'vitest'
import { destroyApp, type DestroyDependencies } from '../../infra/destroy-app.ts'
import {
  FAST_WAIT,
  IMAGES_BUCKET,
  REGION,
  SITE_BUCKET,
  STACK_NAME,
  awsError,
  clients,
  cloudFormationMock,
  missingStackError,
  resetMocks,
  s3Mock,
  stack,
} from './mocked-aws.ts'

const STARTED = new Date('2026-03-01T12:00:00Z')
const options = { stackName: STACK_NAME, region: REGION }
let lines: string[]
let order: string[]

function dependencies(): DestroyDependencies {
  const { cloudFormation, s3 } = clients()
  return {
    cloudFormation,
    s3,
    wait: FAST_WAIT,
    log: (line) => lines.push(line),
    now: () => STARTED,
  }
}

function stackHasBuckets() {
  cloudFormationMock.on(DescribeStackResourcesCommand).resolves({
    StackResources: [
      {
        LogicalResourceId: 'ImagesBucket',
        PhysicalResourceId: IMAGES_BUCKET,
        ResourceType: 'AWS::S3::Bucket',
        ResourceStatus: 'CREATE_COMPLETE',
        Timestamp: STARTED,
      },
      {
        LogicalResourceId: 'SiteBucket',
        PhysicalResourceId: SITE_BUCKET,
        ResourceType: 'AWS::S3::Bucket',
        ResourceStatus: 'CREATE_COMPLETE',
        Timestamp: STARTED,
      },
      {
        LogicalResourceId: 'AlarmTopic',
        PhysicalResourceId: 'arn:aws:sns:eu-west-1:1:t',
        ResourceType: 'AWS::SNS::Topic',
        ResourceStatus: 'CREATE_COMPLETE',
        Timestamp: STARTED,
      },
    ],
  })
}

function bucketsHoldObjects() {
  s3Mock
    .on(ListObjectVersionsCommand, { Bucket: IMAGES_BUCKET })
    .resolvesOnce({
      IsTruncated: true,
      NextKeyMarker: 'u/b',
      NextVersionIdMarker: 'null',
      Versions: [
        { Key: 'u/a/1.jpg', VersionId: 'null' },
        { Key: 'u/b/2.jpg', VersionId: 'null' },
      ],
    })
    .resolvesOnce({
      IsTruncated: false,
      Versions: [{ Key: 'u/c/3.jpg', VersionId: 'v3' }],
      DeleteMarkers: [{ Key: 'u/c/4.jpg', VersionId: 'm4' }],
    })
  s3Mock.on(ListObjectVersionsCommand, { Bucket: SITE_BUCKET }).resolves({
    IsTruncated: false,
    Versions: [
      { Key: 'index.html', VersionId: 'null' },
      { Key: 'assets/index-a1b2c3.js', VersionId: 'null' },
    ],
  })
  s3Mock.on(DeleteObjectsCommand).callsFake((input: DeleteObjectsCommandInput) => {
    order.push(`empty ${input.Bucket ?? '?'}`)
    return {}
  })
  cloudFormationMock.on(DeleteStackCommand).callsFake(() => {
    order.push('delete stack')
    return {}
  })
}

beforeEach(() => {
  resetMocks()
  lines = []
  order = []
})

describe('destroy against a mocked AWS control plane (mocked)', () => {
  it('empties both buckets page by page, then deletes the stack and waits', async () => {
    cloudFormationMock
      .on(DescribeStacksCommand)
      .resolvesOnce({ Stacks: [stack('UPDATE_COMPLETE')] })
      .rejects(missingStackError())
    stackHasBuckets()
    bucketsHoldObjects()

    const result = await destroyApp(options, dependencies())

    expect(result).toEqual({ existed: true, emptiedObjects: 6 })
    const deleted = s3Mock.commandCalls(DeleteObjectsCommand).map((call) => call.args[0].input)
    expect(
      deleted.map((input) => [input.Bucket, input.Delete?.Objects?.map((object) => object.Key)]),
    ).toEqual([
      [IMAGES_BUCKET, ['u/a/1.jpg', 'u/b/2.jpg']],
      [IMAGES_BUCKET, ['u/c/3.jpg', 'u/c/4.jpg']],
      [SITE_BUCKET, ['index.html', 'assets/index-a1b2c3.js']],
    ])
    expect(deleted[1]?.Delete?.Objects).toContainEqual({ Key: 'u/c/4.jpg', VersionId: 'm4' })
    expect(
      s3Mock.commandCalls(ListObjectVersionsCommand, { Bucket: IMAGES_BUCKET })[1]?.args[0].input,
    ).toMatchObject({
      KeyMarker: 'u/b',
      VersionIdMarker: 'null',
    })
    expect(order.at(-1)).toBe('delete stack')
    expect(lines.at(-1)).toBe(`Stack ${STACK_NAME} deleted.`)
  })

  it('does nothing when there is no such stack', async () => {
    cloudFormationMock.on(DescribeStacksCommand).rejects(missingStackError())
    expect(await destroyApp(options, dependencies())).toEqual({ existed: false, emptiedObjects: 0 })
    expect(cloudFormationMock.commandCalls(DeleteStackCommand)).toEqual([])
    expect(lines.join('\n')).toMatch(/nothing to destroy/)
  })

  it('refuses a stack Image Labels did not create', async () => {
    cloudFormationMock
      .on(DescribeStacksCommand)
      .resolves({ Stacks: [stack('CREATE_COMPLETE', { ours: false })] })
    stackHasBuckets()
    await expect(destroyApp(options, dependencies())).rejects.toThrow(/not created by Image Labels/)
    expect(s3Mock.calls()).toEqual([])
    expect(cloudFormationMock.commandCalls(DeleteStackCommand)).toEqual([])
  })

  it('treats a bucket that is already gone as empty', async () => {
    cloudFormationMock
      .on(DescribeStacksCommand)
      .resolvesOnce({ Stacks: [stack('ROLLBACK_COMPLETE')] })
      .rejects(missingStackError())
    stackHasBuckets()
    bucketsHoldObjects()
    s3Mock
      .on(ListObjectVersionsCommand, { Bucket: IMAGES_BUCKET })
      .rejects(awsError('NoSuchBucket', 'The specified bucket does not exist'))
    expect(await destroyApp(options, dependencies())).toEqual({ existed: true, emptiedObjects: 2 })
    expect(order).toEqual([`empty ${SITE_BUCKET}`, 'delete stack'])
  })

  it('prints why the deletion failed', async () => {
    cloudFormationMock
      .on(DescribeStacksCommand)
      .resolvesOnce({ Stacks: [stack('UPDATE_COMPLETE')] })
      .resolves({ Stacks: [stack('DELETE_FAILED')] })
    stackHasBuckets()
    bucketsHoldObjects()
    cloudFormationMock.on(DescribeStackEventsCommand).resolves({
      StackEvents: [
        {
          StackId: 's',
          EventId: '2',
          StackName: STACK_NAME,
          Timestamp: new Date(STARTED.getTime() + 60_000),
          LogicalResourceId: 'SiteBucket',
          ResourceType: 'AWS::S3::Bucket',
          ResourceStatus: 'DELETE_FAILED',
          ResourceStatusReason: 'The bucket you tried to delete is not empty',
        },
      ],
    })
    await expect(destroyApp(options, dependencies())).rejects.toThrow(
      /Deleting the stack failed; the stack is now DELETE_FAILED[\s\S]*SiteBucket \(AWS::S3::Bucket\): The bucket you tried to delete is not empty/,
    )
  })

  it('explains missing credentials', async () => {
    cloudFormationMock
      .on(DescribeStacksCommand)
      .rejects(
        awsError('CredentialsProviderError', 'Could not load credentials from any providers'),
      )
    await expect(destroyApp(options, dependencies())).rejects.toThrow(/No AWS credentials found/)
  })
})
