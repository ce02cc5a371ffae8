import { describe, expect, it } from 'vitest'
import type { CloudFormationObject } from '../../infra/cfn-yaml.ts'
import { validateAgainstResourceSpec } from './resource-spec.ts'
import { loadTemplate, properties, referencedResources } from './template-helpers.ts'

describe('template against the CloudFormation resource specification (@aws-cdk/aws-service-spec)', () => {
  it('uses only known resource types, property names and GetAtt attributes, with every required property', async () => {
    expect(await validateAgainstResourceSpec(loadTemplate())).toEqual([])
  })

  it('catches each kind of mistake the check is for', async () => {
    const template = loadTemplate()
    template.Resources.Typo = { Type: 'AWS::S3::Buckett' }
    properties(template, 'ImagesBucket').BucketNmae = 'x'
    const oacConfig = properties(template, 'SiteOriginAccessControl')
      .OriginAccessControlConfig as CloudFormationObject
    delete oacConfig.SigningBehavior
    template.Outputs.Broken = { Value: { 'Fn::GetAtt': ['ImagesBucket', 'Website'] } }
    template.Outputs.Dangling = { Value: { Ref: 'NoSuchThing' } }
    properties(template, 'DetectLabelsAlarm').EvaluationPeriods = 'often'

    const problems = await validateAgainstResourceSpec(template)
    expect(problems).toEqual(
      expect.arrayContaining([
        'Typo: unknown resource type AWS::S3::Buckett',
        'ImagesBucket.Properties: unknown property BucketNmae',
        'SiteOriginAccessControl.Properties.OriginAccessControlConfig: required property SigningBehavior is missing',
        'Outputs.Broken.Value.Fn::GetAtt: ImagesBucket (AWS::S3::Bucket) has no attribute Website',
        'Outputs.Dangling.Value.Ref: Ref to unknown name NoSuchThing',
        'DetectLabelsAlarm.Properties.EvaluationPeriods: expected a number',
      ]),
    )
  })

  it('has no dependency cycle (CloudFormation rejects those at deploy time)', () => {
    const template = loadTemplate()
    const edges = new Map(
      Object.entries(template.Resources).map(([name, item]) => {
        const dependsOn = item.DependsOn === undefined ? [] : [item.DependsOn].flat()
        return [name, new Set([...referencedResources(item.Properties, template), ...dependsOn])]
      }),
    )
    const finished = new Set<string>()
    const visiting: string[] = []
    const visit = (name: string): void => {
      if (finished.has(name)) return
      if (visiting.includes(name)) throw new Error(`cycle: ${[...visiting, name].join(' -> ')}`)
      visiting.push(name)
      for (const next of edges.get(name) ?? []) visit(next)
      visiting.pop()
      finished.add(name)
    }
    for (const name of edges.keys()) visit(name)
    expect(finished.size).toBe(Object.keys(template.Resources).length)
    // The trap this guards: CORS names the distribution, so the CSP must not name the bucket.
    expect(edges.get('ImagesBucket')).toContain('Distribution')
    expect(edges.get('SecurityHeadersPolicy')?.has('ImagesBucket')).toBe(false)
  })
})
