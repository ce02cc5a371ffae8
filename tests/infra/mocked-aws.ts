// A mocked AWS control plane for the deploy and destroy tests (CloudFormation cannot run here):
// aws-sdk-client-mock replaces `send` on every client of each class, so the real SDK commands,
// paginators and waiters run, and only the answers are scripted.
import { createHash } from 'node:crypto'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { CloudFormationClient, type Stack, type StackStatus } from '@aws-sdk/client-cloudformation'
import { CloudFrontClient } from '@aws-sdk/client-cloudfront'
import { CognitoIdentityClient } from '@aws-sdk/client-cognito-identity'
import { RekognitionClient } from '@aws-sdk/client-rekognition'
import {
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  type PutObjectCommandInput,
} from '@aws-sdk/client-s3'
import { mockClient } from 'aws-sdk-client-mock'
import { APP_TAG, type WaitSettings } from '../../infra/stack.ts'

export const REGION = 'eu-west-1'
export const STACK_NAME = 'labels-test'
export const IMAGES_BUCKET = 'labels-test-imagesbucket-1a2b3c'
export const SITE_BUCKET = 'labels-test-sitebucket-4d5e6f'
export const IDENTITY_POOL_ID = 'eu-west-1:0b6e7a52-21f4-4c4a-9d5e-0c1d2e3f4a5b'
export const DISTRIBUTION_ID = 'E2EXAMPLE12345'
export const SITE_URL = 'https://d1234abcd.cloudfront.net/'
export const GUEST_ID = 'eu-west-1:7f9a2b4c-0000-4000-8000-123456789abc'
export const FAST_WAIT: WaitSettings = { minDelay: 0.01, maxDelay: 0.02, maxWaitTime: 5 }
const fakeCredentials = { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'secret' }

export const cloudFormationMock = mockClient(CloudFormationClient)
export const s3Mock = mockClient(S3Client)
export const cloudFrontMock = mockClient(CloudFrontClient)
export const cognitoMock = mockClient(CognitoIdentityClient)
export const rekognitionMock = mockClient(RekognitionClient)

export function resetMocks(): void {
  for (const mock of [cloudFormationMock, s3Mock, cloudFrontMock, cognitoMock, rekognitionMock])
    mock.reset()
}

export function clients() {
  return {
    cloudFormation: new CloudFormationClient({ region: REGION, credentials: fakeCredentials }),
    s3: new S3Client({ region: REGION, credentials: fakeCredentials }),
    cloudFront: new CloudFrontClient({ region: 'us-east-1', credentials: fakeCredentials }),
    cognito: new CognitoIdentityClient({ region: REGION, credentials: fakeCredentials }),
  }
}

export function stack(status: StackStatus, options: { ours?: boolean } = {}): Stack {
  return {
    StackName: STACK_NAME,
    StackId: `arn:aws:cloudformation:${REGION}:123456789012:stack/${STACK_NAME}/0b6e7a52`,
    StackStatus: status,
    CreationTime: new Date('2026-01-01T00:00:00Z'),
    Tags: options.ours === false ? [{ Key: 'team', Value: 'payments' }] : [{ ...APP_TAG }],
    Parameters: [
      { ParameterKey: 'UploadRetentionDays', ParameterValue: '7' },
      { ParameterKey: 'AlarmEmail', ParameterValue: 'ops@example.com' },
    ],
    Outputs: [
      { OutputKey: 'SiteUrl', OutputValue: SITE_URL },
      { OutputKey: 'Region', OutputValue: REGION },
      { OutputKey: 'IdentityPoolId', OutputValue: IDENTITY_POOL_ID },
      { OutputKey: 'ImagesBucket', OutputValue: IMAGES_BUCKET },
      { OutputKey: 'SiteBucket', OutputValue: SITE_BUCKET },
      { OutputKey: 'DistributionId', OutputValue: DISTRIBUTION_ID },
      { OutputKey: 'UploadRetentionDays', OutputValue: '7' },
    ],
  }
}

export function missingStackError(): Error {
  return Object.assign(new Error(`Stack with id ${STACK_NAME} does not exist`), {
    name: 'ValidationError',
  })
}

export function awsError(name: string, message: string): Error {
  return Object.assign(new Error(message), { name })
}

/** A site bucket kept in memory: PutObject stores the MD5 that S3 returns as the ETag. */
export function fakeSiteBucket(): Map<string, PutObjectCommandInput> {
  const objects = new Map<string, PutObjectCommandInput>()
  s3Mock.on(PutObjectCommand, { Bucket: SITE_BUCKET }).callsFake((input: PutObjectCommandInput) => {
    if (input.Key) objects.set(input.Key, input)
    return {}
  })
  s3Mock.on(ListObjectsV2Command, { Bucket: SITE_BUCKET }).callsFake(() => ({
    Contents: [...objects].map(([Key, object]) => ({
      Key,
      ETag: `"${createHash('md5')
        .update(object.Body as Uint8Array)
        .digest('hex')}"`,
    })),
  }))
  return objects
}

/** A folder that looks like `vite build` output. */
export async function fakeBuild(
  files: Record<string, string>,
): Promise<{ directory: string; remove: () => Promise<void> }> {
  const directory = await mkdtemp(join(tmpdir(), 'image-labels-dist-'))
  for (const [key, content] of Object.entries(files)) {
    const path = join(directory, key)
    await mkdir(dirname(path), { recursive: true })
    await writeFile(path, content)
  }
  return { directory, remove: () => rm(directory, { recursive: true, force: true }) }
}

export const BUILT_FILES = {
  'index.html': '<!doctype html><script type="module" src="/assets/index-a1b2c3.js"></script>',
  'assets/index-a1b2c3.js': 'console.log("app")',
  'assets/index-d4e5f6.css': 'body{margin:0}',
  'assets/detector-0a1b2c.wasm': '\0asm',
  'assets/photo-worker-9f8e7d.js': 'self.onmessage=()=>{}',
  'favicon.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
  '.vite/manifest.json': '{}',
}
