// infra/template.yaml as the local endpoint reads it: parsed once at start, and its intrinsic
// functions resolved against local stand-ins (the local bucket, this region, parameter values
// given at start or the template's defaults, a placeholder for the distribution's domain). The
// guest policy and the images bucket's CORS rules are read from the result, so the endpoint
// enforces what the stack deploys.
import { readFile } from 'node:fs/promises'
import {
  parseCloudFormationTemplate,
  type CloudFormationResource,
  type CloudFormationTemplate,
} from '../infra/cfn-yaml.ts'
import { localRegion } from './state.ts'

export const localAccountId = '000000000000'

/**
 * What the distribution's domain resolves to: never a real host, so the CORS reader can put the
 * app's own origins where the template names `https://${Distribution.DomainName}`.
 */
export const distributionDomain = 'distribution.app-origin.invalid'

export interface LocalStandIns {
  bucket: string
  /** Parameter values given at start; others take the template's Default. */
  parameters?: Record<string, string>
}

export interface LocalTemplate {
  path: string
  template: CloudFormationTemplate
  /** A resource's Properties with every intrinsic function resolved. */
  resolvedProperties(logicalId: string, type: string): Record<string, unknown>
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

export function isObject(value: unknown): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value]
}

/** Marks a value `!Ref AWS::NoValue` removed (from a list or an object). */
const noValue = Symbol('AWS::NoValue')

function resolver(
  template: CloudFormationTemplate,
  standIns: LocalStandIns,
): (value: unknown) => unknown {
  const { bucket } = standIns
  const attribute = (resource: string, name: string): string => {
    if (resource === 'ImagesBucket' && name === 'Arn') return `arn:aws:s3:::${bucket}`
    if (resource === 'ImagesBucket' && name === 'DomainName') return `${bucket}.s3.amazonaws.com`
    if (resource === 'Distribution' && name === 'DomainName') return distributionDomain
    return `unresolved:${resource}.${name}`
  }
  const reference = (name: string): unknown => {
    if (name === 'ImagesBucket') return bucket
    if (name === 'AWS::Region') return localRegion
    if (name === 'AWS::AccountId') return localAccountId
    if (name === 'AWS::Partition') return 'aws'
    if (name === 'AWS::URLSuffix') return 'amazonaws.com'
    if (name === 'AWS::NoValue') return noValue
    const parameter = template.Parameters[name]
    if (parameter) return standIns.parameters?.[name] ?? parameter.Default ?? ''
    return `unresolved:${name}`
  }
  const substitute = (text: string, variables: Record<string, unknown>): string =>
    text.replace(/\$\{(!?)([^}]*)\}/g, (_whole, literal: string, name: string) => {
      if (literal) return `\${${name}}`
      if (Object.hasOwn(variables, name)) return String(resolve(variables[name]))
      const dot = name.indexOf('.')
      return dot > 0 ? attribute(name.slice(0, dot), name.slice(dot + 1)) : String(reference(name))
    })
  const condition = (name: string): boolean => {
    const definition = template.Conditions[name]
    if (definition === undefined) throw new Error(`${name} is not a condition of the template`)
    return Boolean(resolve(definition))
  }
  const resolve = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(resolve).filter((item) => item !== noValue)
    if (!isObject(value)) return value
    const keys = Object.keys(value)
    if (keys.length === 1) {
      const argument = value[keys[0]!]
      const args = list(argument)
      switch (keys[0]) {
        case 'Ref':
          return reference(typeof argument === 'string' ? argument : '')
        case 'Condition':
          return condition(typeof argument === 'string' ? argument : '')
        case 'Fn::GetAtt': {
          const [resource, name] = typeof argument === 'string' ? argument.split('.') : args
          return attribute(String(resource), String(name))
        }
        case 'Fn::Sub': {
          const [text, variables] = Array.isArray(argument) ? argument : [argument, {}]
          return substitute(
            typeof text === 'string' ? text : '',
            isObject(variables) ? variables : {},
          )
        }
        case 'Fn::Join':
          return list(resolve(args[1])).map(String).join(String(args[0]))
        case 'Fn::Select':
          return list(resolve(args[1]))[Number(resolve(args[0]))]
        case 'Fn::Split':
          return String(resolve(args[1])).split(String(args[0]))
        case 'Fn::If':
          return resolve(condition(String(args[0])) ? args[1] : args[2])
        case 'Fn::Equals':
          return resolve(args[0]) === resolve(args[1])
        case 'Fn::Not':
          return !resolve(args[0])
        case 'Fn::And':
          return args.every((item) => Boolean(resolve(item)))
        case 'Fn::Or':
          return args.some((item) => Boolean(resolve(item)))
      }
    }
    const entries = Object.entries(value).map(([key, inner]) => [key, resolve(inner)] as const)
    return Object.fromEntries(entries.filter(([, inner]) => inner !== noValue))
  }
  return resolve
}

/** Reads and parses the template once; resources are resolved when asked for. */
export async function readLocalTemplate(
  path: string,
  standIns: LocalStandIns,
): Promise<LocalTemplate> {
  const template = parseCloudFormationTemplate(await readFile(path, 'utf8'))
  const resolve = resolver(template, standIns)
  return {
    path,
    template,
    resolvedProperties(logicalId, type) {
      const resource: CloudFormationResource | undefined = template.Resources[logicalId]
      if (!resource || resource.Type !== type || !isObject(resource.Properties)) {
        throw new Error(`${path} has no ${logicalId} of type ${type}`)
      }
      const properties = resolve(resource.Properties)
      return isObject(properties) ? properties : {}
    },
  }
}
