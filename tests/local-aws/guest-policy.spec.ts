// How the guest policy is read from a CloudFormation template and evaluated: intrinsic
// functions, policy variables, wildcards, conditions, explicit Deny and default deny; and that it
// refuses to start on a construct it does not implement, in the evaluator and at the endpoint.
import { randomUUID } from 'node:crypto'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3'
import { isAllowed, loadGuestPolicy, type PolicyStatement } from '../../local-aws/guest-policy.ts'
import { errorName, fakeDetector, newGuest, startTestEndpoint } from './helpers.ts'

const bucket = 'image-labels-local-test'
const alice = 'us-east-1:11111111-1111-1111-1111-111111111111'
const bob = 'us-east-1:22222222-2222-2222-2222-222222222222'

const template = `
Resources:
  ImagesBucket:
    Type: AWS::S3::Bucket
  GuestRole:
    Type: AWS::IAM::Role
    Properties:
      Policies:
        - PolicyName: guest
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: s3:Get*
                Resource: !Sub '\${ImagesBucket.Arn}/u/\${!cognito-identity.amazonaws.com:sub}/*'
              - Effect: Allow
                Action: [s3:PutObject]
                Resource: !Join ['', [!GetAtt ImagesBucket.Arn, '/u/\${cognito-identity.amazonaws.com:sub}/*']]
              - Effect: Deny
                Action: s3:PutObject
                Resource: !Sub 'arn:aws:s3:::\${ImagesBucket}/u/*/locked/*'
              - Effect: Allow
                Action: s3:ListBucket
                Resource: !GetAtt ImagesBucket.Arn
                Condition:
                  StringEquals:
                    s3:prefix: u/\${cognito-identity.amazonaws.com:sub}/
`

describe('guest policy from a template', () => {
  let directory: string
  let statements: PolicyStatement[]

  const allowed = (identity: string, action: string, resource: string, keys = {}) =>
    isAllowed(statements, identity, { action, resource, keys })

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'guest-policy-'))
    await writeFile(join(directory, 'template.yaml'), template)
    statements = await loadGuestPolicy(join(directory, 'template.yaml'), bucket)
  })
  afterAll(() => rm(directory, { recursive: true, force: true }))

  it('resolves !Sub, !GetAtt and !Join against the local bucket', () => {
    expect(statements.map((statement) => statement.resources[0])).toEqual([
      `arn:aws:s3:::${bucket}/u/\${cognito-identity.amazonaws.com:sub}/*`,
      `arn:aws:s3:::${bucket}/u/\${cognito-identity.amazonaws.com:sub}/*`,
      `arn:aws:s3:::${bucket}/u/*/locked/*`,
      `arn:aws:s3:::${bucket}`,
    ])
  })

  it('substitutes the identity and matches action and resource wildcards', () => {
    const own = `arn:aws:s3:::${bucket}/u/${alice}/photo.png`
    expect(allowed(alice, 's3:GetObject', own)).toBe(true)
    expect(allowed(alice, 'S3:GETOBJECT', own)).toBe(true)
    expect(allowed(alice, 's3:PutObject', own)).toBe(true)
    expect(allowed(bob, 's3:GetObject', own)).toBe(false)
    expect(allowed(alice, 's3:PutObjectAcl', own)).toBe(false)
  })

  it('lets an explicit Deny win over an Allow', () => {
    expect(allowed(alice, 's3:PutObject', `arn:aws:s3:::${bucket}/u/${alice}/locked/a.png`)).toBe(
      false,
    )
  })

  it('requires condition keys to be present and to match', () => {
    const bucketArn = `arn:aws:s3:::${bucket}`
    expect(allowed(alice, 's3:ListBucket', bucketArn, { 's3:prefix': `u/${alice}/` })).toBe(true)
    expect(allowed(alice, 's3:ListBucket', bucketArn, { 's3:prefix': `u/${bob}/` })).toBe(false)
    expect(allowed(alice, 's3:ListBucket', bucketArn, { 's3:prefix': `u/${alice}/x` })).toBe(false)
    expect(allowed(alice, 's3:ListBucket', bucketArn)).toBe(false)
  })

  it('reads the GuestRole of the project template', async () => {
    const project = await loadGuestPolicy('infra/template.yaml', bucket)
    const own = `arn:aws:s3:::${bucket}/u/${alice}/photo.png`
    expect(isAllowed(project, alice, { action: 's3:PutObject', resource: own, keys: {} })).toBe(
      true,
    )
    expect(isAllowed(project, bob, { action: 's3:PutObject', resource: own, keys: {} })).toBe(false)
    expect(
      isAllowed(project, alice, { action: 'rekognition:DetectLabels', resource: '*', keys: {} }),
    ).toBe(true)
    expect(
      isAllowed(project, alice, { action: 's3:ListAllMyBuckets', resource: '*', keys: {} }),
    ).toBe(false)
  })
})

/** A template whose GuestRole has the project's statements plus `extra` (YAML, indented). */
async function projectTemplateWith(directory: string, extra: string): Promise<string> {
  const project = await readFile('infra/template.yaml', 'utf8')
  const anchor = '              - Sid: Label\n'
  expect(project).toContain(anchor)
  const path = join(directory, `template-${randomUUID()}.yaml`)
  await writeFile(path, project.replace(anchor, `${extra}${anchor}`))
  return path
}

describe('constructs the evaluator does not implement', () => {
  let directory: string

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'guest-policy-unsupported-'))
  })
  afterAll(() => rm(directory, { recursive: true, force: true }))

  it.each([
    ['NotAction', 'NotAction: s3:DeleteObject\n                Resource: "*"', 'NotAction'],
    [
      'NotResource',
      'Action: s3:GetObject\n                NotResource: "arn:aws:s3:::x/*"',
      'NotResource',
    ],
    [
      'an unknown condition operator',
      "Action: s3:DeleteObject\n                Resource: '*'\n                Condition:\n                  NumericLessThan:\n                    s3:max-keys: '10'",
      'the condition operator NumericLessThan',
    ],
  ])('refuses to load a Deny with %s', async (_, body, named) => {
    const path = await projectTemplateWith(
      directory,
      `              - Effect: Deny\n                ${body}\n`,
    )
    await expect(loadGuestPolicy(path, bucket)).rejects.toThrow(named)
  })

  it('refuses an Effect other than Allow or Deny', async () => {
    const path = await projectTemplateWith(
      directory,
      "              - Effect: Audit\n                Action: s3:GetObject\n                Resource: '*'\n",
    )
    await expect(loadGuestPolicy(path, bucket)).rejects.toThrow('Effect "Audit"')
  })

  it('keeps the endpoint from starting, with a message naming the construct', async () => {
    const path = await projectTemplateWith(
      directory,
      "              - Effect: Deny\n                NotAction: rekognition:DetectLabels\n                Resource: '*'\n",
    )
    const start = startTestEndpoint({ detector: fakeDetector(), templatePath: path })
    await expect(start).rejects.toThrow(
      /GuestRole policy image-labels-guest, statement 3: NotAction/,
    )
  })
})

describe('an explicit Deny in the template, at the endpoint (fake detector)', () => {
  it("wins over the guest's Allow", async () => {
    const directory = await mkdtemp(join(tmpdir(), 'guest-policy-deny-'))
    const path = await projectTemplateWith(
      directory,
      '              - Sid: KeepOriginals\n                Effect: Deny\n                Action: s3:DeleteObject\n' +
        "                Resource: !Sub '${ImagesBucket.Arn}/u/*/originals/*'\n",
    )
    const endpoint = await startTestEndpoint({ detector: fakeDetector(), templatePath: path })
    try {
      const guest = await newGuest(endpoint.aws)
      const Bucket = endpoint.aws.config.imagesBucket
      for (const Key of [`u/${guest.identityId}/originals/a.jpg`, `u/${guest.identityId}/b.jpg`]) {
        await guest.s3.send(new PutObjectCommand({ Bucket, Key, Body: 'x' }))
      }
      const kept = guest.s3.send(
        new DeleteObjectCommand({ Bucket, Key: `u/${guest.identityId}/originals/a.jpg` }),
      )
      expect(await errorName(kept)).toBe('AccessDenied')
      const removed = guest.s3.send(
        new DeleteObjectCommand({ Bucket, Key: `u/${guest.identityId}/b.jpg` }),
      )
      expect(await errorName(removed)).toBe('no error')
    } finally {
      await endpoint.stop()
      await rm(directory, { recursive: true, force: true })
    }
  })
})
