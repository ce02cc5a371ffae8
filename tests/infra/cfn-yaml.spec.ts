import { describe, expect, it } from 'vitest'
import { parseCloudFormationTemplate, parseCloudFormationYaml } from '../../infra/cfn-yaml.ts'
import { loadTemplate } from './template-helpers.ts'

const wrap = (body: string) =>
  `Resources:\n  Thing:\n    Type: AWS::SNS::Topic\n    Properties:\n${body}`

describe('CloudFormation YAML short forms', () => {
  it('expands scalar, sequence and mapping short forms into their long forms', () => {
    const parsed = parseCloudFormationYaml(
      [
        'ref: !Ref Bucket',
        'att: !GetAtt Bucket.Arn',
        'attNested: !GetAtt Db.Endpoint.Address',
        'attList: !GetAtt [Bucket, DomainName]',
        "sub: !Sub 'arn:${AWS::Partition}:s3:::${Bucket}/*'",
        "subList: !Sub ['${A}-${B}', { A: !Ref X, B: !GetAtt Y.Z }]",
        "join: !Join ['', [a, !Ref B]]",
        "select: !Select [0, !Split [',', !Ref List]]",
        "cond: !If [HasX, !Ref X, !Ref 'AWS::NoValue']",
        'not: !Not [!Equals [!Ref A, ""]]',
        'and: !And [!Condition A, !Or [!Condition B, !Condition C]]',
        'map: !FindInMap [M, !Ref AWS::Region, key]',
        'imp: !ImportValue shared-vpc',
        'b64: !Base64 hello',
        "azs: !GetAZs ''",
        'cidr: !Cidr [10.0.0.0/16, 4, 8]',
        'transform: !Transform { Name: AWS::Include, Parameters: { Location: s3://x } }',
      ].join('\n'),
    )
    expect(parsed).toEqual({
      ref: { Ref: 'Bucket' },
      att: { 'Fn::GetAtt': ['Bucket', 'Arn'] },
      attNested: { 'Fn::GetAtt': ['Db', 'Endpoint.Address'] },
      attList: { 'Fn::GetAtt': ['Bucket', 'DomainName'] },
      sub: { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${Bucket}/*' },
      subList: { 'Fn::Sub': ['${A}-${B}', { A: { Ref: 'X' }, B: { 'Fn::GetAtt': ['Y', 'Z'] } }] },
      join: { 'Fn::Join': ['', ['a', { Ref: 'B' }]] },
      select: { 'Fn::Select': [0, { 'Fn::Split': [',', { Ref: 'List' }] }] },
      cond: { 'Fn::If': ['HasX', { Ref: 'X' }, { Ref: 'AWS::NoValue' }] },
      not: { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'A' }, ''] }] },
      and: {
        'Fn::And': [{ Condition: 'A' }, { 'Fn::Or': [{ Condition: 'B' }, { Condition: 'C' }] }],
      },
      map: { 'Fn::FindInMap': ['M', { Ref: 'AWS::Region' }, 'key'] },
      imp: { 'Fn::ImportValue': 'shared-vpc' },
      b64: { 'Fn::Base64': 'hello' },
      azs: { 'Fn::GetAZs': '' },
      cidr: { 'Fn::Cidr': ['10.0.0.0/16', 4, 8] },
      transform: { 'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: 's3://x' } } },
    })
  })

  it('rejects a GetAtt without an attribute, unknown tags and duplicate keys', () => {
    expect(() => parseCloudFormationTemplate(wrap('      A: !GetAtt Bucket'))).toThrow(
      /Resource\.Attribute/,
    )
    expect(() => parseCloudFormationTemplate(wrap('      A: !Nope x'))).toThrow()
    expect(() => parseCloudFormationTemplate(wrap('      A: 1\n      A: 2'))).toThrow()
  })

  it('types the sections and refuses resources without a type', () => {
    const template = parseCloudFormationTemplate(
      'Parameters:\n  P:\n    Type: String\n    Default: x\n' +
        wrap('      TopicName: !Ref P') +
        '\nOutputs:\n  O:\n    Value: !Ref Thing',
    )
    expect(template.Parameters.P).toEqual({ Type: 'String', Default: 'x' })
    expect(template.Resources.Thing?.Properties).toEqual({ TopicName: { Ref: 'P' } })
    expect(template.Outputs.O?.Value).toEqual({ Ref: 'Thing' })
    expect(() => parseCloudFormationTemplate('Resources:\n  X:\n    Properties: {}')).toThrow(
      /no Type/,
    )
  })

  it('parses the committed template, with its short forms expanded', () => {
    const template = loadTemplate()
    expect(template.AWSTemplateFormatVersion).toBe('2010-09-09')
    expect(Object.keys(template.Resources).length).toBeGreaterThanOrEqual(15)
    expect(template.Resources.IdentityPoolRoles?.Properties?.Roles).toEqual({
      unauthenticated: { 'Fn::GetAtt': ['GuestRole', 'Arn'] },
    })
    expect(JSON.stringify(template)).not.toMatch(/"!(Ref|Sub|GetAtt|If)/)
  })
})
