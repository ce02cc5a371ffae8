// CloudFormation templates use YAML short forms (`!Ref`, `!Sub`, …) that a plain YAML parser
// rejects. This turns each into its long JSON form (`{ "Fn::Sub": … }`), as CloudFormation does,
// so the tests and the local endpoint read one typed shape. (Deploy sends the template's text to
// CloudFormation as it is and never parses it.)
import {
  parse,
  parseDocument,
  type CollectionTag,
  type ScalarTag,
  type Tags,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml'

export type CloudFormationValue =
  string | number | boolean | null | CloudFormationValue[] | { [key: string]: CloudFormationValue }

export type CloudFormationObject = { [key: string]: CloudFormationValue }

export interface CloudFormationParameter {
  Type: string
  Default?: CloudFormationValue
  Description?: string
  AllowedValues?: CloudFormationValue[]
  AllowedPattern?: string
  MinValue?: number
  MaxValue?: number
  [key: string]: CloudFormationValue | undefined
}

export interface CloudFormationResource {
  Type: string
  Properties?: CloudFormationObject
  Condition?: string
  DependsOn?: string | string[]
  DeletionPolicy?: string
  UpdateReplacePolicy?: string
  Metadata?: CloudFormationObject
}

export interface CloudFormationOutput {
  Value: CloudFormationValue
  Description?: string
  Condition?: string
  Export?: CloudFormationObject
}

export interface CloudFormationTemplate {
  AWSTemplateFormatVersion?: string
  Description?: string
  Transform?: CloudFormationValue
  Metadata?: CloudFormationObject
  Parameters: Record<string, CloudFormationParameter>
  Mappings: Record<string, CloudFormationObject>
  Conditions: Record<string, CloudFormationValue>
  Resources: Record<string, CloudFormationResource>
  Outputs: Record<string, CloudFormationOutput>
}

/** Short tag name (without `!`) → the long form's key. */
const INTRINSIC_FUNCTIONS: Record<string, string> = {
  Ref: 'Ref',
  Condition: 'Condition',
  Sub: 'Fn::Sub',
  GetAtt: 'Fn::GetAtt',
  If: 'Fn::If',
  Join: 'Fn::Join',
  Select: 'Fn::Select',
  Split: 'Fn::Split',
  Equals: 'Fn::Equals',
  Not: 'Fn::Not',
  And: 'Fn::And',
  Or: 'Fn::Or',
  FindInMap: 'Fn::FindInMap',
  ImportValue: 'Fn::ImportValue',
  Base64: 'Fn::Base64',
  GetAZs: 'Fn::GetAZs',
  Cidr: 'Fn::Cidr',
  Transform: 'Fn::Transform',
  ToJsonString: 'Fn::ToJsonString',
  Length: 'Fn::Length',
}

/** `!GetAtt Bucket.Arn` splits at the first dot only: attribute names may contain dots. */
function getAttFromDottedString(value: string): string[] {
  const dot = value.indexOf('.')
  if (dot <= 0 || dot === value.length - 1) {
    throw new Error(`!GetAtt needs "Resource.Attribute", got "${value}"`)
  }
  return [value.slice(0, dot), value.slice(dot + 1)]
}

function collectionToValue(collection: YAMLMap.Parsed | YAMLSeq.Parsed): CloudFormationValue {
  return toCloudFormationValue(collection.toJSON(), 'intrinsic function argument')
}

function intrinsicTags(): Tags {
  const tags: (ScalarTag | CollectionTag)[] = []
  for (const [shortName, longName] of Object.entries(INTRINSIC_FUNCTIONS)) {
    const tag = `!${shortName}`
    tags.push({
      tag,
      resolve: (value: string) => ({
        [longName]: shortName === 'GetAtt' ? getAttFromDottedString(value) : value,
      }),
    })
    for (const collection of ['seq', 'map'] as const) {
      tags.push({
        tag,
        collection,
        resolve: (node) => ({ [longName]: collectionToValue(node) }),
      })
    }
  }
  return tags
}

/** Every short form, each as a scalar, sequence and mapping tag, for `yaml`'s `customTags`. */
export const cloudFormationTags: Tags = intrinsicTags()

/** Parses a CloudFormation YAML template into its untyped JSON form. */
export function parseCloudFormationYaml(source: string): unknown {
  return parse(source, { customTags: cloudFormationTags })
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function toCloudFormationValue(value: unknown, where: string): CloudFormationValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value
  if (typeof value === 'number') return value
  if (Array.isArray(value))
    return value.map((item, index) => toCloudFormationValue(item, `${where}[${index}]`))
  if (isPlainObject(value)) return toCloudFormationObject(value, where)
  throw new Error(`Unsupported ${typeof value} value at ${where}`)
}

function toCloudFormationObject(value: unknown, where: string): CloudFormationObject {
  if (!isPlainObject(value)) throw new Error(`${where} must be a mapping`)
  const result: CloudFormationObject = {}
  for (const [key, item] of Object.entries(value)) {
    result[key] = toCloudFormationValue(item, `${where}.${key}`)
  }
  return result
}

function optionalString(
  object: CloudFormationObject,
  key: string,
  where: string,
): string | undefined {
  const value = object[key]
  if (value === undefined) return undefined
  if (typeof value !== 'string') throw new Error(`${where}.${key} must be a string`)
  return value
}

function section(root: CloudFormationObject, name: string): CloudFormationObject {
  const value = root[name]
  return value === undefined ? {} : toCloudFormationObject(value, name)
}

function toResource(name: string, value: CloudFormationValue): CloudFormationResource {
  const where = `Resources.${name}`
  const object = toCloudFormationObject(value, where)
  const type = optionalString(object, 'Type', where)
  if (type === undefined) throw new Error(`${where} has no Type`)
  const dependsOn = object.DependsOn
  if (
    dependsOn !== undefined &&
    typeof dependsOn !== 'string' &&
    !(Array.isArray(dependsOn) && dependsOn.every((item) => typeof item === 'string'))
  ) {
    throw new Error(`${where}.DependsOn must be a name or a list of names`)
  }
  const resource: CloudFormationResource = { Type: type }
  if (object.Properties !== undefined) {
    resource.Properties = toCloudFormationObject(object.Properties, `${where}.Properties`)
  }
  if (object.Metadata !== undefined) {
    resource.Metadata = toCloudFormationObject(object.Metadata, `${where}.Metadata`)
  }
  const condition = optionalString(object, 'Condition', where)
  if (condition !== undefined) resource.Condition = condition
  if (dependsOn !== undefined) resource.DependsOn = dependsOn
  const deletionPolicy = optionalString(object, 'DeletionPolicy', where)
  if (deletionPolicy !== undefined) resource.DeletionPolicy = deletionPolicy
  const updateReplacePolicy = optionalString(object, 'UpdateReplacePolicy', where)
  if (updateReplacePolicy !== undefined) resource.UpdateReplacePolicy = updateReplacePolicy
  return resource
}

function toParameter(name: string, value: CloudFormationValue): CloudFormationParameter {
  const where = `Parameters.${name}`
  const object = toCloudFormationObject(value, where)
  const type = optionalString(object, 'Type', where)
  if (type === undefined) throw new Error(`${where} has no Type`)
  return { ...object, Type: type }
}

function toOutput(name: string, value: CloudFormationValue): CloudFormationOutput {
  const where = `Outputs.${name}`
  const object = toCloudFormationObject(value, where)
  const outputValue = object.Value
  if (outputValue === undefined) throw new Error(`${where} has no Value`)
  const output: CloudFormationOutput = { Value: outputValue }
  const description = optionalString(object, 'Description', where)
  if (description !== undefined) output.Description = description
  const condition = optionalString(object, 'Condition', where)
  if (condition !== undefined) output.Condition = condition
  if (object.Export !== undefined)
    output.Export = toCloudFormationObject(object.Export, `${where}.Export`)
  return output
}

function mapEntries<T>(
  object: CloudFormationObject,
  convert: (name: string, value: CloudFormationValue) => T,
): Record<string, T> {
  const result: Record<string, T> = {}
  for (const [name, value] of Object.entries(object)) result[name] = convert(name, value)
  return result
}

/**
 * Parses a CloudFormation template written in YAML (or JSON, which is YAML) and returns it with
 * every short-form tag expanded: `!Ref X` → `{ Ref: 'X' }`, `!GetAtt A.B` → `{ 'Fn::GetAtt': ['A', 'B'] }`,
 * `!Sub '…'` → `{ 'Fn::Sub': '…' }`, and so on. Throws on YAML errors and unknown tags.
 */
export function parseCloudFormationTemplate(text: string): CloudFormationTemplate {
  // Duplicate keys are an error in CloudFormation too.
  const document = parseDocument(text, { customTags: cloudFormationTags, uniqueKeys: true })
  // An unknown tag is only a warning to `yaml`; CloudFormation rejects the template, so do we.
  const problem =
    document.errors[0] ?? document.warnings.find((warning) => warning.code === 'TAG_RESOLVE_FAILED')
  if (problem) throw problem
  const raw: unknown = document.toJS()
  const root = toCloudFormationObject(raw, 'template')
  const resources = section(root, 'Resources')
  if (Object.keys(resources).length === 0) throw new Error('A template needs at least one resource')

  const template: CloudFormationTemplate = {
    Parameters: mapEntries(section(root, 'Parameters'), toParameter),
    Mappings: mapEntries(section(root, 'Mappings'), (name, value) =>
      toCloudFormationObject(value, `Mappings.${name}`),
    ),
    Conditions: section(root, 'Conditions'),
    Resources: mapEntries(resources, toResource),
    Outputs: mapEntries(section(root, 'Outputs'), toOutput),
  }
  const version = optionalString(root, 'AWSTemplateFormatVersion', 'template')
  if (version !== undefined) template.AWSTemplateFormatVersion = version
  const description = optionalString(root, 'Description', 'template')
  if (description !== undefined) template.Description = description
  if (root.Transform !== undefined) template.Transform = root.Transform
  if (root.Metadata !== undefined)
    template.Metadata = toCloudFormationObject(root.Metadata, 'Metadata')
  return template
}
