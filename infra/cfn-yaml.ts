// CloudFormation templates use YAML short forms (`!Ref`, `!Sub`, …) that a plain YAML parser
// rejects. This turns each into its long JSON form (`{ "Fn::Sub": … }`), as CloudFormation does.
import { parse, YAMLMap, YAMLSeq, type Tags } from 'yaml'

const functionTags = [
  'Sub',
  'GetAtt',
  'If',
  'Join',
  'Select',
  'Split',
  'Equals',
  'Not',
  'And',
  'Or',
  'FindInMap',
  'ImportValue',
  'Base64',
  'GetAZs',
  'Cidr',
] as const

type Collection = 'scalar' | 'seq' | 'map'

function plain(value: unknown): unknown {
  return value instanceof YAMLMap || value instanceof YAMLSeq ? value.toJSON() : value
}

function longForm(name: string, value: unknown): Record<string, unknown> {
  if (name === 'Ref') return { Ref: value }
  if (name === 'Condition') return { Condition: value }
  // `!GetAtt Resource.Attribute` is the one short form whose scalar differs from its long form.
  if (name === 'GetAtt' && typeof value === 'string') {
    const dot = value.indexOf('.')
    return { 'Fn::GetAtt': [value.slice(0, dot), value.slice(dot + 1)] }
  }
  return { [`Fn::${name}`]: value }
}

function tagsFor(name: string): Tags {
  const collections: Collection[] = ['scalar', 'seq', 'map']
  return collections.map((collection) => ({
    tag: `!${name}`,
    ...(collection === 'scalar' ? {} : { collection }),
    resolve: (value: unknown) => longForm(name, plain(value)),
  }))
}

export const cloudFormationTags: Tags = ['Ref', 'Condition', ...functionTags].flatMap(tagsFor)

/** Parses a CloudFormation YAML template into its JSON form. */
export function parseCloudFormationYaml(source: string): unknown {
  return parse(source, { customTags: cloudFormationTags })
}
