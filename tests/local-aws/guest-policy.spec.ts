// How the guest policy is read from a CloudFormation template and evaluated: intrinsic
// functions, policy variables, wildcards, conditions, explicit Deny and default deny.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isAllowed, loadGuestPolicy, type PolicyStatement } from '../../local-aws/guest-policy.ts'

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
              - Effect: Allow
                Action: s3:DeleteObject
                Resource: '*'
                Condition:
                  NumericLessThan:
                    s3:max-keys: '10'
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
      '*',
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

  it('never widens access through a condition operator it does not implement', () => {
    const key = `arn:aws:s3:::${bucket}/u/${alice}/photo.png`
    expect(allowed(alice, 's3:DeleteObject', key, { 's3:max-keys': '1' })).toBe(false)
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
