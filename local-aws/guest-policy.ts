// Guests get exactly the inline policy of the `GuestRole` in infra/template.yaml, resolved for the
// local bucket (template.ts), and each request is checked against its statements (deny by
// default, explicit Deny wins) with the identity id as `${cognito-identity.amazonaws.com:sub}`.
// The evaluator fails closed: a construct it does not implement (NotAction, NotResource, an
// unknown condition operator, an Effect other than Allow or Deny, any other statement key) stops
// the endpoint from starting, rather than being skipped and leaving it more permissive than IAM.
import { isObject, list, readLocalTemplate, type LocalTemplate } from './template.ts'

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

/** The condition operators this evaluator implements; any other one refuses to start. */
const conditionOperators = ['StringEquals', 'StringLike'] as const
const statementKeys = ['Sid', 'Effect', 'Action', 'Resource', 'Condition']

class UnsupportedPolicyError extends Error {
  constructor(where: string, construct: string) {
    super(
      `${where}: ${construct} is not implemented by the local guest-policy evaluator, which ` +
        'refuses to start rather than skip it (that could allow what IAM denies)',
    )
    this.name = 'UnsupportedPolicyError'
  }
}

function readStatement(statement: unknown, where: string): PolicyStatement {
  if (!isObject(statement))
    throw new UnsupportedPolicyError(where, 'a statement that is not an object')
  for (const key of Object.keys(statement)) {
    if (!statementKeys.includes(key)) throw new UnsupportedPolicyError(where, key)
  }
  const effect = statement.Effect
  if (effect !== 'Allow' && effect !== 'Deny') {
    throw new UnsupportedPolicyError(where, `Effect ${JSON.stringify(effect ?? null)}`)
  }
  const conditions: PolicyStatement['conditions'] = {}
  if (statement.Condition !== undefined) {
    if (!isObject(statement.Condition)) {
      throw new UnsupportedPolicyError(where, 'a Condition that is not an object')
    }
    for (const [operator, block] of Object.entries(statement.Condition)) {
      if (!conditionOperators.some((known) => known === operator)) {
        throw new UnsupportedPolicyError(where, `the condition operator ${operator}`)
      }
      if (!isObject(block)) {
        throw new UnsupportedPolicyError(where, `a ${operator} block that is not an object`)
      }
      conditions[operator] = Object.fromEntries(
        Object.entries(block).map(([key, values]) => [key, list(values).map(String)]),
      )
    }
  }
  return {
    effect,
    actions: list(statement.Action).map(String),
    resources: list(statement.Resource).map(String),
    conditions,
  }
}

/** The `GuestRole` inline policies of a template already read. */
export function guestPolicyOf(template: LocalTemplate): PolicyStatement[] {
  const role = template.resolvedProperties('GuestRole', 'AWS::IAM::Role')
  const statements: PolicyStatement[] = []
  for (const [index, policy] of list(role.Policies).entries()) {
    const name =
      isObject(policy) && typeof policy.PolicyName === 'string' ? policy.PolicyName : index
    const document = isObject(policy) ? policy.PolicyDocument : undefined
    for (const [position, statement] of (isObject(document)
      ? list(document.Statement)
      : []
    ).entries()) {
      const where = `${template.path}: GuestRole policy ${name}, statement ${position + 1}`
      statements.push(readStatement(statement, where))
    }
  }
  return statements
}

/** Reads the `GuestRole` inline policies from the template, resolved for the local bucket. */
export async function loadGuestPolicy(
  templatePath: string,
  bucket: string,
): Promise<PolicyStatement[]> {
  return guestPolicyOf(await readLocalTemplate(templatePath, { bucket }))
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
    // StringLike: the only other operator readStatement lets through.
    return expanded.some((pattern) => wildcardPattern(pattern, false).test(value))
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
