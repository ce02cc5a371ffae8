// Reading the committed template for the infra tests, and walking its intrinsic functions.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import {
  parseCloudFormationTemplate,
  type CloudFormationObject,
  type CloudFormationResource,
  type CloudFormationTemplate,
  type CloudFormationValue,
} from '../../infra/cfn-yaml.ts'

export const TEMPLATE_PATH = fileURLToPath(new URL('../../infra/template.yaml', import.meta.url))

export function loadTemplate(): CloudFormationTemplate {
  return parseCloudFormationTemplate(readFileSync(TEMPLATE_PATH, 'utf8'))
}

export function isObject(value: CloudFormationValue | undefined): value is CloudFormationObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export function asObject(
  value: CloudFormationValue | undefined,
  what: string,
): CloudFormationObject {
  if (!isObject(value)) throw new Error(`${what} is not a mapping`)
  return value
}

export function asList(
  value: CloudFormationValue | undefined,
  what: string,
): CloudFormationValue[] {
  if (!Array.isArray(value)) throw new Error(`${what} is not a list`)
  return value
}

/** Follows a dotted path through mappings, failing loudly where it breaks. */
export function at(value: CloudFormationValue | undefined, path: string): CloudFormationValue {
  let current = value
  for (const part of path.split('.')) {
    current = asObject(current, `${path} (at ${part})`)[part]
    if (current === undefined) throw new Error(`${path}: ${part} is missing`)
  }
  return current as CloudFormationValue
}

export function resource(template: CloudFormationTemplate, name: string): CloudFormationResource {
  const found = template.Resources[name]
  if (!found) throw new Error(`no resource ${name}`)
  return found
}

export function resourcesOfType(
  template: CloudFormationTemplate,
  type: string,
): [string, CloudFormationResource][] {
  return Object.entries(template.Resources).filter(([, candidate]) => candidate.Type === type)
}

export function properties(template: CloudFormationTemplate, name: string): CloudFormationObject {
  return resource(template, name).Properties ?? {}
}

/** Evaluates the few intrinsics a string property uses (Sub with pseudo parameters) for one region. */
export function substitute(value: CloudFormationValue, variables: Record<string, string>): string {
  if (typeof value === 'string') return value
  const sub = asObject(value, 'value')['Fn::Sub']
  if (typeof sub !== 'string') throw new Error('only plain Fn::Sub strings are evaluated here')
  return sub.replace(/\$\{([^}]+)\}/g, (whole, name: string) => {
    const replacement = variables[name]
    if (replacement === undefined) throw new Error(`no value for ${whole}`)
    return replacement
  })
}

/** Names of the resources a value depends on through Ref, Fn::GetAtt and Fn::Sub. */
export function referencedResources(
  value: CloudFormationValue | undefined,
  template: CloudFormationTemplate,
): Set<string> {
  const found = new Set<string>()
  const visit = (item: CloudFormationValue | undefined): void => {
    if (Array.isArray(item)) return item.forEach(visit)
    if (!isObject(item)) return
    for (const [key, inner] of Object.entries(item)) {
      if (key === 'Ref' && typeof inner === 'string') found.add(inner)
      if (key === 'Fn::GetAtt' && Array.isArray(inner) && typeof inner[0] === 'string')
        found.add(inner[0])
      if (key === 'Fn::Sub') {
        const text = Array.isArray(inner) ? inner[0] : inner
        if (typeof text === 'string') {
          for (const match of text.matchAll(/\$\{([^!}][^}.]*)/g)) found.add(match[1] ?? '')
        }
      }
      visit(inner)
    }
  }
  visit(value)
  return new Set([...found].filter((name) => name in template.Resources))
}
