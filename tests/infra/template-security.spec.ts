// What the stack's template allows, statement by statement: the guest role, the buckets, the
// CloudFront headers (CSP), the daily cap's function and its role. One job, one file: each
// security property is a case, and they share the parsed template.
import { describe, expect, it } from 'vitest'
import type { CloudFormationValue } from '../../infra/cfn-yaml.ts'
import {
  asList,
  asObject,
  at,
  isObject,
  loadTemplate,
  properties,
  resource,
  resourcesOfType,
  substitute,
} from './template-helpers.ts'

const template = loadTemplate()
const REGION = 'eu-west-1'
const pseudo = { 'AWS::Region': REGION, 'AWS::URLSuffix': 'amazonaws.com' }

function list(value: CloudFormationValue | undefined): CloudFormationValue[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value]
}

function guestStatements() {
  const policies = asList(properties(template, 'GuestRole').Policies, 'Policies')
  return policies.flatMap((policy) =>
    asList(at(policy, 'PolicyDocument.Statement'), 'Statement').map((statement) =>
      asObject(statement, 'statement'),
    ),
  )
}

function contentSecurityPolicy(): Map<string, string[]> {
  const value = at(
    properties(template, 'SecurityHeadersPolicy'),
    'ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy',
  )
  const text = substitute(value, pseudo)
  return new Map(
    text
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name ?? '', sources]),
  )
}

describe('guest permissions', () => {
  it('grants exactly the five actions, never a wildcard action, never * on S3', () => {
    const statements = guestStatements()
    const actions = statements.flatMap((statement) => list(statement.Action))
    expect([...actions].sort()).toEqual(
      [
        'rekognition:DetectLabels',
        's3:DeleteObject',
        's3:GetObject',
        's3:ListBucket',
        's3:PutObject',
      ].sort(),
    )
    for (const statement of statements) {
      expect(statement.Effect).toBe('Allow')
      expect(statement.NotAction).toBeUndefined()
      expect(statement.NotResource).toBeUndefined()
      const statementActions = list(statement.Action)
      expect(
        statementActions.some((action) => typeof action === 'string' && action.includes('*')),
      ).toBe(false)
      if (
        statementActions.some((action) => typeof action === 'string' && action.startsWith('s3:'))
      ) {
        expect(list(statement.Resource)).not.toContain('*')
      }
    }
  })

  it('keeps objects in the guest’s own prefix and listing to that prefix', () => {
    const byAction = (action: string) =>
      guestStatements().find((statement) => list(statement.Action).includes(action))
    for (const action of ['s3:PutObject', 's3:GetObject', 's3:DeleteObject']) {
      expect(byAction(action)?.Resource).toEqual({
        'Fn::Sub': '${ImagesBucket.Arn}/u/${!cognito-identity.amazonaws.com:sub}/*',
      })
    }
    const listing = byAction('s3:ListBucket')
    expect(listing?.Resource).toEqual({ 'Fn::GetAtt': ['ImagesBucket', 'Arn'] })
    expect(at(listing, 'Condition.StringLike')).toEqual({
      's3:prefix': [
        'u/${cognito-identity.amazonaws.com:sub}/',
        'u/${cognito-identity.amazonaws.com:sub}/*',
      ],
    })
    expect(byAction('rekognition:DetectLabels')?.Resource).toBe('*')
  })

  it('trusts only guests of this identity pool (aud and amr)', () => {
    const trust = asList(
      at(properties(template, 'GuestRole'), 'AssumeRolePolicyDocument.Statement'),
      'trust',
    )
    expect(trust).toHaveLength(1)
    const statement = asObject(trust[0], 'trust statement')
    expect(statement.Principal).toEqual({ Federated: 'cognito-identity.amazonaws.com' })
    expect(statement.Action).toBe('sts:AssumeRoleWithWebIdentity')
    expect(at(statement, 'Condition.StringEquals')).toEqual({
      'cognito-identity.amazonaws.com:aud': { Ref: 'IdentityPool' },
    })
    expect(at(statement, 'Condition.ForAnyValue:StringLike')).toEqual({
      'cognito-identity.amazonaws.com:amr': 'unauthenticated',
    })
  })

  it('has guest identities with the classic flow off, attached to the guest role only', () => {
    expect(properties(template, 'IdentityPool')).toMatchObject({
      AllowUnauthenticatedIdentities: true,
      AllowClassicFlow: false,
    })
    expect(properties(template, 'IdentityPoolRoles').Roles).toEqual({
      unauthenticated: { 'Fn::GetAtt': ['GuestRole', 'Arn'] },
    })
  })
})

describe('buckets', () => {
  const buckets = resourcesOfType(template, 'AWS::S3::Bucket')

  it('are exactly the images and site buckets', () => {
    expect(buckets.map(([name]) => name).sort()).toEqual(['ImagesBucket', 'SiteBucket'])
  })

  it.each(buckets)(
    '%s blocks public access, enforces bucket ownership and encrypts with SSE-S3',
    (_, bucket) => {
      const props = bucket.Properties ?? {}
      expect(props.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      })
      expect(at(props, 'OwnershipControls.Rules')).toEqual([
        { ObjectOwnership: 'BucketOwnerEnforced' },
      ])
      expect(at(props, 'BucketEncryption.ServerSideEncryptionConfiguration')).toEqual([
        { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
      ])
      expect(props.WebsiteConfiguration).toBeUndefined()
      expect(props.AccessControl).toBeUndefined()
    },
  )

  it('lets CloudFormation name the images bucket (a fixed name could be taken by anyone)', () => {
    expect(properties(template, 'ImagesBucket').BucketName).toBeUndefined()
  })

  it('allows CORS only from the site and the given extra origins, never *', () => {
    const rules = asList(
      at(properties(template, 'ImagesBucket'), 'CorsConfiguration.CorsRules'),
      'rules',
    )
    const site = asObject(rules[0], 'site rule')
    expect(site.AllowedOrigins).toEqual([{ 'Fn::Sub': 'https://${Distribution.DomainName}' }])
    expect(site.AllowedHeaders).toEqual(['*'])
    expect(site.ExposedHeaders).toEqual(['ETag', 'x-amz-request-id', 'Date'])
    expect(list(site.AllowedMethods).sort()).toEqual(['DELETE', 'GET', 'HEAD', 'PUT'])
    const extra = asList(at(rules[1], 'Fn::If'), 'extra rule')
    expect(extra[0]).toBe('HasExtraOrigins')
    expect(at(extra[1], 'AllowedOrigins')).toEqual({
      'Fn::Split': [',', { Ref: 'ExtraAllowedOrigins' }],
    })
    expect(extra[2]).toEqual({ Ref: 'AWS::NoValue' })
    expect(
      JSON.stringify(rules.map((rule) => isObject(rule) && rule.AllowedOrigins)),
    ).not.toContain('"*"')

    const pattern = new RegExp(String(template.Parameters.ExtraAllowedOrigins?.AllowedPattern))
    expect(template.Parameters.ExtraAllowedOrigins?.Default).toBe('')
    expect(pattern.test('')).toBe(true)
    expect(pattern.test('http://localhost:5173')).toBe(true)
    expect(pattern.test('http://localhost:5173,https://dev.example.com')).toBe(true)
    expect(pattern.test('*')).toBe(false)
    expect(pattern.test('https://*.example.com')).toBe(false)
    expect(pattern.test('http://localhost:5173,*')).toBe(false)
  })

  it('expires uploads after the retention period and aborts stale multipart uploads', () => {
    const rules = asList(
      at(properties(template, 'ImagesBucket'), 'LifecycleConfiguration.Rules'),
      'rules',
    )
    expect(rules).toContainEqual({
      Id: 'expire-uploads',
      Status: 'Enabled',
      Prefix: 'u/',
      ExpirationInDays: { Ref: 'UploadRetentionDays' },
    })
    expect(rules).toContainEqual(
      expect.objectContaining({
        Status: 'Enabled',
        AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
      }),
    )
    expect(template.Parameters.UploadRetentionDays).toMatchObject({ Type: 'Number', Default: 7 })
  })

  it('serves the site bucket only to this distribution, through Origin Access Control', () => {
    const policies = resourcesOfType(template, 'AWS::S3::BucketPolicy').filter(
      ([, policy]) =>
        JSON.stringify(policy.Properties?.Bucket) === JSON.stringify({ Ref: 'SiteBucket' }),
    )
    expect(policies).toHaveLength(1)
    const statements = asList(
      at(policies[0]?.[1].Properties, 'PolicyDocument.Statement'),
      'statements',
    )
    const allows = statements
      .map((item) => asObject(item, 'statement'))
      .filter((item) => item.Effect === 'Allow')
    expect(allows).toHaveLength(1)
    expect(allows[0]).toMatchObject({
      Principal: { Service: 'cloudfront.amazonaws.com' },
      Action: 's3:GetObject',
      Condition: {
        StringEquals: {
          'AWS:SourceArn': {
            'Fn::Sub':
              'arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:distribution/${Distribution}',
          },
        },
      },
    })
    const origins = asList(
      at(properties(template, 'Distribution'), 'DistributionConfig.Origins'),
      'origins',
    )
    expect(origins).toEqual([
      {
        Id: 'site',
        DomainName: { 'Fn::GetAtt': ['SiteBucket', 'RegionalDomainName'] },
        OriginAccessControlId: { 'Fn::GetAtt': ['SiteOriginAccessControl', 'Id'] },
        S3OriginConfig: { OriginAccessIdentity: '' },
      },
    ])
    expect(
      at(properties(template, 'SiteOriginAccessControl'), 'OriginAccessControlConfig'),
    ).toMatchObject({
      OriginAccessControlOriginType: 's3',
      SigningBehavior: 'always',
      SigningProtocol: 'sigv4',
    })
  })

  it('refuses plain-HTTP requests on both buckets', () => {
    for (const [, policy] of resourcesOfType(template, 'AWS::S3::BucketPolicy')) {
      const statements = asList(at(policy.Properties, 'PolicyDocument.Statement'), 'statements')
      expect(statements).toContainEqual(
        expect.objectContaining({
          Effect: 'Deny',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
      )
    }
    expect(resourcesOfType(template, 'AWS::S3::BucketPolicy')).toHaveLength(2)
  })
})

describe('CloudFront', () => {
  const config = () =>
    asObject(at(properties(template, 'Distribution'), 'DistributionConfig'), 'config')

  it('serves HTTPS only over HTTP/2 and 3 with compression and index.html at the root', () => {
    const distribution = config()
    expect(distribution).toMatchObject({
      Enabled: true,
      HttpVersion: 'http2and3',
      DefaultRootObject: 'index.html',
    })
    const behaviors = [
      distribution.DefaultCacheBehavior,
      ...asList(distribution.CacheBehaviors, 'behaviors'),
    ]
    for (const behavior of behaviors) {
      expect(behavior).toMatchObject({
        ViewerProtocolPolicy: 'https-only',
        Compress: true,
        ResponseHeadersPolicyId: { Ref: 'SecurityHeadersPolicy' },
      })
    }
  })

  it('caches hashed assets for a year and revalidates index.html and config.json', () => {
    const assets = asList(config().CacheBehaviors, 'behaviors').find(
      (item) => at(item, 'PathPattern') === 'assets/*',
    )
    expect(at(assets, 'CachePolicyId')).toEqual({ Ref: 'AssetsCachePolicy' })
    expect(at(properties(template, 'AssetsCachePolicy'), 'CachePolicyConfig')).toMatchObject({
      MinTTL: 31536000,
      DefaultTTL: 31536000,
    })
    expect(at(config(), 'DefaultCacheBehavior.CachePolicyId')).toEqual({
      Ref: 'DocumentCachePolicy',
    })
    expect(at(properties(template, 'DocumentCachePolicy'), 'CachePolicyConfig')).toMatchObject({
      MinTTL: 0,
      DefaultTTL: 0,
    })
  })

  it('sends a strict Content-Security-Policy within CloudFront’s 1,783-character limit', () => {
    const value = at(
      properties(template, 'SecurityHeadersPolicy'),
      'ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy',
    )
    // Region names are at most 14 characters; measure with a long one.
    expect(
      substitute(value, { 'AWS::Region': 'ap-southeast-5', 'AWS::URLSuffix': 'amazonaws.com.cn' })
        .length,
    ).toBeLessThanOrEqual(1783)
    const csp = contentSecurityPolicy()
    expect(csp.get('default-src')).toEqual(["'none'"])
    expect(csp.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"])
    expect(csp.get('img-src')).toEqual(["'self'", 'blob:', 'data:'])
    // The service worker (worker-src) and the web app manifest load from the site itself.
    expect(csp.get('worker-src')).toEqual(["'self'", 'blob:'])
    expect(csp.get('manifest-src')).toEqual(["'self'"])
    expect(csp.get('frame-ancestors')).toEqual(["'none'"])
    expect(csp.get('object-src')).toEqual(["'none'"])
    for (const sources of csp.values()) {
      expect(sources).not.toContain("'unsafe-inline'")
      expect(sources).not.toContain("'unsafe-eval'")
      expect(sources).not.toContain('*')
    }
  })

  it('lets the page connect only to itself and this region’s Cognito, Rekognition and S3', () => {
    expect(contentSecurityPolicy().get('connect-src')).toEqual([
      "'self'",
      'blob:',
      `https://cognito-identity.${REGION}.amazonaws.com`,
      `https://rekognition.${REGION}.amazonaws.com`,
      `https://*.s3.${REGION}.amazonaws.com`,
    ])
  })

  it('adds HSTS, nosniff, a referrer policy, no framing, and camera for the site only', () => {
    const headers = asObject(
      at(properties(template, 'SecurityHeadersPolicy'), 'ResponseHeadersPolicyConfig'),
      'headers',
    )
    expect(at(headers, 'SecurityHeadersConfig.StrictTransportSecurity')).toMatchObject({
      Override: true,
    })
    expect(
      Number(at(headers, 'SecurityHeadersConfig.StrictTransportSecurity.AccessControlMaxAgeSec')),
    ).toBeGreaterThanOrEqual(31536000)
    expect(at(headers, 'SecurityHeadersConfig.ContentTypeOptions')).toEqual({ Override: true })
    expect(at(headers, 'SecurityHeadersConfig.ReferrerPolicy.ReferrerPolicy')).toBe(
      'strict-origin-when-cross-origin',
    )
    expect(at(headers, 'SecurityHeadersConfig.FrameOptions.FrameOption')).toBe('DENY')
    const custom = asList(at(headers, 'CustomHeadersConfig.Items'), 'items')
    const permissions = custom.find((item) => at(item, 'Header') === 'Permissions-Policy')
    expect(substitute(at(permissions, 'Value'), {})).toMatch(/(^|, )camera=\(self\)(,|$)/)
    expect(substitute(at(permissions, 'Value'), {})).toMatch(/microphone=\(\)/)
  })
})

describe('cost guard and outputs', () => {
  it('alarms on DetectLabels calls per day, telling an optional e-mail through SNS', () => {
    expect(properties(template, 'DetectLabelsAlarm')).toMatchObject({
      Namespace: 'AWS/Rekognition',
      MetricName: 'SuccessfulRequestCount',
      Dimensions: [{ Name: 'Operation', Value: 'DetectLabels' }],
      Statistic: 'Sum',
      Period: 86400,
      Threshold: { Ref: 'DetectLabelsDailyThreshold' },
      AlarmActions: [{ Ref: 'AlarmTopic' }],
    })
    expect(resource(template, 'AlarmEmailSubscription')).toMatchObject({
      Condition: 'HasAlarmEmail',
      Properties: {
        Protocol: 'email',
        Endpoint: { Ref: 'AlarmEmail' },
        TopicArn: { Ref: 'AlarmTopic' },
      },
    })
    expect(template.Conditions.HasAlarmEmail).toEqual({
      'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'AlarmEmail' }, ''] }],
    })
    expect(template.Parameters.AlarmEmail?.Default).toBe('')
  })

  it('outputs what deploy and the app need', () => {
    expect(Object.keys(template.Outputs)).toEqual(
      expect.arrayContaining([
        'SiteUrl',
        'Region',
        'IdentityPoolId',
        'ImagesBucket',
        'SiteBucket',
        'DistributionId',
      ]),
    )
    expect(template.Outputs.SiteUrl?.Value).toEqual({
      'Fn::Sub': 'https://${Distribution.DomainName}/',
    })
  })
})

describe('daily cap (guest pause)', () => {
  const pauseResources = [
    'DailyCapAlarm',
    'GuestPauseFunction',
    'GuestPauseLogGroup',
    'GuestPauseRole',
    'ResumeSchedulerRole',
    'ResumeSchedulerPolicy',
    'GuestPauseInvokePermission',
    'GuestPauseSubscription',
  ]
  const scheduleName = {
    'Fn::Sub': [
      'image-labels-resume-${StackGuid}',
      { StackGuid: { 'Fn::Select': [2, { 'Fn::Split': ['/', { Ref: 'AWS::StackId' }] }] } },
    ],
  }

  function statementsOf(policyDocument: CloudFormationValue | undefined) {
    return asList(at(policyDocument, 'Statement'), 'Statement').map((statement) =>
      asObject(statement, 'statement'),
    )
  }

  function pauseRoleStatements() {
    const policies = asList(properties(template, 'GuestPauseRole').Policies, 'Policies')
    return policies.flatMap((policy) => statementsOf(at(policy, 'PolicyDocument')))
  }

  it('exists only with --daily-cap: every pause resource is conditional, and off by default', () => {
    for (const name of pauseResources)
      expect(resource(template, name).Condition).toBe('HasDailyCap')
    expect(template.Conditions.HasDailyCap).toEqual({
      'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'DailyCap' }, '0'] }],
    })
    expect(template.Parameters.DailyCap).toMatchObject({ Type: 'Number', Default: 0, MinValue: 0 })
    expect(template.Parameters.PauseHours).toMatchObject({
      Type: 'Number',
      Default: 24,
      MinValue: 1,
    })
    expect(template.Outputs.GuestPauseHours).toMatchObject({
      Condition: 'HasDailyCap',
      Value: { Ref: 'PauseHours' },
    })
    expect(template.Outputs.ResumeScheduleName).toMatchObject({
      Condition: 'HasDailyCap',
      Value: scheduleName,
    })
    // The e-mail alarm stays as it was, whether or not there is a cap.
    expect(resource(template, 'DetectLabelsAlarm').Condition).toBeUndefined()
  })

  it('alarms at the cap on the same metric and topic, and only that alarm reaches the function', () => {
    expect(properties(template, 'DailyCapAlarm')).toMatchObject({
      Namespace: 'AWS/Rekognition',
      MetricName: 'SuccessfulRequestCount',
      Dimensions: [{ Name: 'Operation', Value: 'DetectLabels' }],
      Statistic: 'Sum',
      Period: 86400,
      Threshold: { Ref: 'DailyCap' },
      ComparisonOperator: 'GreaterThanThreshold',
      AlarmActions: [{ Ref: 'AlarmTopic' }],
    })
    expect(properties(template, 'GuestPauseSubscription')).toEqual({
      TopicArn: { Ref: 'AlarmTopic' },
      Protocol: 'lambda',
      Endpoint: { 'Fn::GetAtt': ['GuestPauseFunction', 'Arn'] },
      FilterPolicyScope: 'MessageBody',
      FilterPolicy: { AlarmName: [{ Ref: 'DailyCapAlarm' }], NewStateValue: ['ALARM'] },
    })
    expect(properties(template, 'GuestPauseInvokePermission')).toEqual({
      FunctionName: { 'Fn::GetAtt': ['GuestPauseFunction', 'Arn'] },
      Action: 'lambda:InvokeFunction',
      Principal: 'sns.amazonaws.com',
      SourceArn: { Ref: 'AlarmTopic' },
    })
  })

  it('runs on a supported Node.js runtime with inline code and the schedule name the role allows', () => {
    const fn = properties(template, 'GuestPauseFunction')
    const text = (value: CloudFormationValue | undefined): string => {
      if (typeof value !== 'string') throw new Error('expected a plain string')
      return value
    }
    const runtime = /^nodejs(\d+)\.x$/.exec(text(fn.Runtime))
    expect(Number(runtime?.[1])).toBeGreaterThanOrEqual(22)
    expect(fn.Handler).toBe('index.handler')
    // CloudFormation's limit for inline code.
    expect(text(at(fn, 'Code.ZipFile')).length).toBeLessThanOrEqual(4096)
    const name = at(fn, 'Environment.Variables.RESUME_SCHEDULE_NAME')
    expect(name).toEqual(scheduleName)
    // Scheduler names are at most 64 characters of [0-9A-Za-z_.-]; a stack GUID is 36.
    const longest = text(asList(at(name, 'Fn::Sub'), 'Sub')[0]).replace(
      '${StackGuid}',
      '0b6e7a52-21f4-4c4a-9d5e-0c1d2e3f4a5b',
    )
    expect(longest).toMatch(/^[0-9A-Za-z_.-]{1,64}$/)
  })

  it('lets the function do exactly the pause and the resume, each on this stack’s own resource', () => {
    const statements = pauseRoleStatements()
    const actions = statements.flatMap((statement) => list(statement.Action))
    expect([...actions].sort()).toEqual([
      'cognito-identity:DescribeIdentityPool',
      'cognito-identity:UpdateIdentityPool',
      'iam:PassRole',
      'logs:CreateLogStream',
      'logs:PutLogEvents',
      'scheduler:CreateSchedule',
      'scheduler:DeleteSchedule',
    ])
    for (const statement of statements) {
      expect(statement.Effect).toBe('Allow')
      expect(statement.NotAction).toBeUndefined()
      expect(statement.NotResource).toBeUndefined()
      expect(JSON.stringify(statement.Resource)).not.toMatch(/"\*"|:\*"|\/\*"/)
    }
    const byAction = (action: string) =>
      statements.find((statement) => list(statement.Action).includes(action))
    expect(byAction('cognito-identity:UpdateIdentityPool')?.Resource).toEqual({
      'Fn::Sub':
        'arn:${AWS::Partition}:cognito-identity:${AWS::Region}:${AWS::AccountId}:identitypool/${IdentityPool}',
    })
    expect(byAction('scheduler:CreateSchedule')?.Resource).toEqual({
      'Fn::Sub': [
        'arn:${AWS::Partition}:scheduler:${AWS::Region}:${AWS::AccountId}:schedule/default/image-labels-resume-${StackGuid}',
        { StackGuid: { 'Fn::Select': [2, { 'Fn::Split': ['/', { Ref: 'AWS::StackId' }] }] } },
      ],
    })
    expect(byAction('iam:PassRole')).toMatchObject({
      Resource: { 'Fn::GetAtt': ['ResumeSchedulerRole', 'Arn'] },
      Condition: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
    })
    expect(byAction('logs:PutLogEvents')?.Resource).toEqual({
      'Fn::GetAtt': ['GuestPauseLogGroup', 'Arn'],
    })
    expect(at(properties(template, 'GuestPauseFunction'), 'LoggingConfig.LogGroup')).toEqual({
      Ref: 'GuestPauseLogGroup',
    })
    const trust = statementsOf(
      at(properties(template, 'GuestPauseRole'), 'AssumeRolePolicyDocument'),
    )
    expect(trust).toEqual([
      { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ])
    expect(properties(template, 'GuestPauseRole').ManagedPolicyArns).toBeUndefined()
  })

  it('lets Scheduler, for this account only, do nothing but invoke the function', () => {
    const trust = statementsOf(
      at(properties(template, 'ResumeSchedulerRole'), 'AssumeRolePolicyDocument'),
    )
    expect(trust).toEqual([
      {
        Effect: 'Allow',
        Principal: { Service: 'scheduler.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
      },
    ])
    const role = properties(template, 'ResumeSchedulerRole')
    expect(role.Policies).toBeUndefined()
    expect(role.ManagedPolicyArns).toBeUndefined()
    const attached = resourcesOfType(template, 'AWS::IAM::RolePolicy').filter(
      ([, policy]) =>
        JSON.stringify(policy.Properties?.RoleName) ===
        JSON.stringify({ Ref: 'ResumeSchedulerRole' }),
    )
    expect(attached.map(([name]) => name)).toEqual(['ResumeSchedulerPolicy'])
    expect(statementsOf(at(attached[0]?.[1].Properties, 'PolicyDocument'))).toEqual([
      {
        Sid: 'InvokeGuestPause',
        Effect: 'Allow',
        Action: 'lambda:InvokeFunction',
        Resource: { 'Fn::GetAtt': ['GuestPauseFunction', 'Arn'] },
      },
    ])
  })

  it('has no other roles or policies than the guest’s, the function’s and Scheduler’s', () => {
    expect(
      resourcesOfType(template, 'AWS::IAM::Role')
        .map(([name]) => name)
        .sort(),
    ).toEqual(['GuestPauseRole', 'GuestRole', 'ResumeSchedulerRole'])
    for (const type of ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::User']) {
      expect(resourcesOfType(template, type)).toEqual([])
    }
    expect(resourcesOfType(template, 'AWS::IAM::RolePolicy')).toHaveLength(1)
  })
})
