// Guests get exactly the inline policy of the `GuestRole` in infra/template.yaml: the template is
// read at start, its intrinsic functions resolved for the local bucket, and each request checked
// against the Allow statements (deny by default, explicit Deny wins) with the identity id as
// `${cognito-identity.amazonaws.com:sub}`.
import { readFile } from 'node:fs/promises'
import { parseCloudFormationYaml } from '../infra/cfn-yaml.ts'
import { localRegion } from './state.ts'

export interface PolicyStatement {
  effect: 'Allow' | 'Deny'
  actions: string[]
  resources: string[]
  conditions: Record<string, Record<string, string[]>>
}

export interface RequestContext {
  action: string
  resource: string
  /** IAM condition keys present on the request, e.g. `s3:prefix`. */
  keys: Record<string, string>
}

const localAccountId = '000000000000'

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

function isObject(value: unknown): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value]
}

/** Resolves the intrinsic functions a policy may use, against the local stand-ins. */
function resolver(bucket: string): (value: unknown) => unknown {
  const attribute = (resource: string, name: string): string => {
    if (resource === 'ImagesBucket' && name === 'Arn') return `arn:aws:s3:::${bucket}`
    if (resource === 'ImagesBucket' && name === 'DomainName') return `${bucket}.s3.amazonaws.com`
    return `unresolved:${resource}.${name}`
  }
  const reference = (name: string): string => {
    if (name === 'ImagesBucket') return bucket
    if (name === 'AWS::Region') return localRegion
    if (name === 'AWS::AccountId') return localAccountId
    if (name === 'AWS::Partition') return 'aws'
    if (name === 'AWS::URLSuffix') return 'amazonaws.com'
    return `unresolved:${name}`
  }
  const substitute = (template: string, variables: Record<string, unknown>): string =>
    template.replace(/\$\{(!?)([^}]*)\}/g, (_whole, literal: string, name: string) => {
      if (literal) return `\${${name}}`
      if (Object.hasOwn(variables, name)) return String(resolve(variables[name]))
      const dot = name.indexOf('.')
      return dot > 0 ? attribute(name.slice(0, dot), name.slice(dot + 1)) : reference(name)
    })
  const resolve = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(resolve)
    if (!isObject(value)) return value
    const keys = Object.keys(value)
    if (keys.length === 1) {
      const argument = value[keys[0]!]
      switch (keys[0]) {
        case 'Ref':
          return reference(typeof argument === 'string' ? argument : '')
        case 'Fn::GetAtt': {
          const [resource, name] =
            typeof argument === 'string' ? argument.split('.') : list(argument)
          return attribute(String(resource), String(name))
        }
        case 'Fn::Sub': {
          const [template, variables] = Array.isArray(argument) ? argument : [argument, {}]
          return substitute(
            typeof template === 'string' ? template : '',
            isObject(variables) ? variables : {},
          )
        }
        case 'Fn::Join': {
          const [separator, parts] = list(argument)
          return list(resolve(parts)).map(String).join(String(separator))
        }
        case 'Fn::Select': {
          const [index, options] = list(argument)
          return list(resolve(options))[Number(resolve(index))]
        }
      }
    }
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, resolve(inner)]))
  }
  return resolve
}

/** Reads the `GuestRole` inline policies from the template, resolved for the local bucket. */
export async function loadGuestPolicy(
  templatePath: string,
  bucket: string,
): Promise<PolicyStatement[]> {
  const template = parseCloudFormationYaml(await readFile(templatePath, 'utf8'))
  const resources = isObject(template) ? template.Resources : undefined
  const role = isObject(resources) ? resources.GuestRole : undefined
  if (!isObject(role) || role.Type !== 'AWS::IAM::Role' || !isObject(role.Properties)) {
    throw new Error(`${templatePath} has no GuestRole of type AWS::IAM::Role`)
  }
  const resolve = resolver(bucket)
  const statements: PolicyStatement[] = []
  for (const policy of list(role.Properties.Policies)) {
    const document = isObject(policy) ? resolve(policy.PolicyDocument) : undefined
    for (const statement of isObject(document) ? list(document.Statement) : []) {
      if (!isObject(statement)) continue
      // NotAction / NotResource are not supported: such a statement grants nothing here.
      if (statement.NotAction !== undefined || statement.NotResource !== undefined) continue
      const conditions: PolicyStatement['conditions'] = {}
      if (isObject(statement.Condition)) {
        for (const [operator, block] of Object.entries(statement.Condition)) {
          if (!isObject(block)) continue
          conditions[operator] = Object.fromEntries(
            Object.entries(block).map(([key, values]) => [key, list(values).map(String)]),
          )
        }
      }
      statements.push({
        effect: statement.Effect === 'Deny' ? 'Deny' : 'Allow',
        actions: list(statement.Action).map(String),
        resources: list(statement.Resource).map(String),
        conditions,
      })
    }
  }
  return statements
}

function wildcardPattern(pattern: string, caseInsensitive: boolean): RegExp {
  const body = pattern
    .split('')
    .map((char) =>
      char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.+^${}()|[\]\\]/g, '\\$&'),
    )
    .join('')
  return new RegExp(`^${body}$`, caseInsensitive ? 'is' : 's')
}

/** Replaces IAM policy variables; unknown variables match nothing. */
function withPolicyVariables(text: string, variables: Record<string, string>): string {
  return text.replace(/\$\{([^}]*)\}/g, (_whole, name: string) => {
    if (name === '*' || name === '?' || name === '$') return name
    return Object.hasOwn(variables, name) ? variables[name]! : '\u0000unresolved\u0000'
  })
}

function conditionHolds(
  operator: string,
  block: Record<string, string[]>,
  context: RequestContext,
  variables: Record<string, string>,
): boolean {
  return Object.entries(block).every(([key, patterns]) => {
    const value = context.keys[key]
    if (value === undefined) return false
    const expanded = patterns.map((pattern) => withPolicyVariables(pattern, variables))
    if (operator === 'StringEquals') return expanded.includes(value)
    if (operator === 'StringLike') {
      return expanded.some((pattern) => wildcardPattern(pattern, false).test(value))
    }
    // An operator we do not implement must never widen access.
    return false
  })
}

function statementMatches(
  statement: PolicyStatement,
  context: RequestContext,
  variables: Record<string, string>,
): boolean {
  const actionMatches = statement.actions.some((action) =>
    wildcardPattern(action, true).test(context.action),
  )
  const resourceMatches = statement.resources.some((resource) =>
    wildcardPattern(withPolicyVariables(resource, variables), false).test(context.resource),
  )
  return (
    actionMatches &&
    resourceMatches &&
    Object.entries(statement.conditions).every(([operator, block]) =>
      conditionHolds(operator, block, context, variables),
    )
  )
}

export function isAllowed(
  statements: PolicyStatement[],
  identityId: string,
  context: RequestContext,
): boolean {
  const variables = {
    'cognito-identity.amazonaws.com:sub': identityId,
    'aws:userid': identityId,
  }
  const matching = statements.filter((statement) => statementMatches(statement, context, variables))
  return matching.length > 0 && matching.every((statement) => statement.effect === 'Allow')
}
