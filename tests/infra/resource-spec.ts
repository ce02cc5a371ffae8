// Checks a parsed template against the CloudFormation resource specification carried by
// @aws-cdk/aws-service-spec (the database the AWS CDK generates its L1 classes from): resource
// types, property names, required properties, value shapes, allowed values and GetAtt attributes.
import { loadAwsServiceSpec } from '@aws-cdk/aws-service-spec'
import type {
  PropertyType,
  Resource,
  ResourceProperties,
  SpecDatabase,
} from '@aws-cdk/service-spec-types'
import type {
  CloudFormationObject,
  CloudFormationTemplate,
  CloudFormationValue,
} from '../../infra/cfn-yaml.ts'

const PSEUDO_PARAMETERS = new Set([
  'AWS::AccountId',
  'AWS::NotificationARNs',
  'AWS::NoValue',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
])

let database: Promise<SpecDatabase> | undefined

export function resourceSpecification(): Promise<SpecDatabase> {
  database ??= loadAwsServiceSpec()
  return database
}

function isObject(value: CloudFormationValue | undefined): value is CloudFormationObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A one-key object whose key is `Ref` or `Fn::…`: its value is only known at deploy time. */
function intrinsicName(value: CloudFormationValue): string | undefined {
  if (!isObject(value)) return undefined
  const keys = Object.keys(value)
  const key = keys[0]
  return keys.length === 1 && key !== undefined && (key === 'Ref' || key.startsWith('Fn::'))
    ? key
    : undefined
}

function isNoValue(value: CloudFormationValue): boolean {
  return isObject(value) && value.Ref === 'AWS::NoValue'
}

class TemplateChecker {
  readonly problems: string[] = []

  constructor(
    private readonly db: SpecDatabase,
    private readonly template: CloudFormationTemplate,
  ) {}

  check(): string[] {
    for (const [name, resource] of Object.entries(this.template.Resources)) {
      const specs = this.db.lookup('resource', 'cloudFormationType', 'equals', resource.Type)
      const spec = specs[0]
      if (!spec) {
        this.problems.push(`${name}: unknown resource type ${resource.Type}`)
        continue
      }
      this.checkProperties(spec.properties, resource.Properties ?? {}, `${name}.Properties`)
      if (resource.Condition && !(resource.Condition in this.template.Conditions)) {
        this.problems.push(`${name}: unknown condition ${resource.Condition}`)
      }
    }
    this.checkReferences(this.template.Resources, 'Resources')
    this.checkReferences(this.template.Outputs, 'Outputs')
    this.checkReferences(this.template.Conditions, 'Conditions')
    return this.problems
  }

  private checkProperties(
    properties: ResourceProperties,
    value: CloudFormationObject,
    where: string,
  ): void {
    for (const [name, property] of Object.entries(properties)) {
      if (property.required && value[name] === undefined) {
        this.problems.push(`${where}: required property ${name} is missing`)
      }
    }
    for (const [name, item] of Object.entries(value)) {
      const property = properties[name]
      if (!property) {
        this.problems.push(`${where}: unknown property ${name}`)
        continue
      }
      this.checkValue(property.type, item, `${where}.${name}`)
    }
  }

  private checkValue(type: PropertyType, value: CloudFormationValue, where: string): void {
    const intrinsic = intrinsicName(value)
    if (intrinsic === 'Fn::If' && isObject(value)) {
      const branches = value['Fn::If']
      if (Array.isArray(branches)) {
        for (const branch of branches.slice(1)) {
          if (!isNoValue(branch)) this.checkValue(type, branch, where)
        }
      }
      return
    }
    if (intrinsic !== undefined) return
    switch (type.type) {
      case 'string':
        if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
          this.problems.push(`${where}: expected a string`)
        } else if (type.allowedValues && !type.allowedValues.includes(`${value}`)) {
          this.problems.push(`${where}: ${value} is not one of ${type.allowedValues.join(', ')}`)
        }
        return
      case 'number':
      case 'integer':
        if (
          typeof value !== 'number' &&
          !(typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value))
        ) {
          this.problems.push(`${where}: expected a number`)
        }
        return
      case 'boolean':
        if (typeof value !== 'boolean' && value !== 'true' && value !== 'false') {
          this.problems.push(`${where}: expected a boolean`)
        }
        return
      case 'array':
        if (!Array.isArray(value)) {
          this.problems.push(`${where}: expected a list`)
          return
        }
        value.forEach((element, index) => {
          if (!isNoValue(element)) this.checkValue(type.element, element, `${where}[${index}]`)
        })
        return
      case 'map':
        if (!isObject(value)) {
          this.problems.push(`${where}: expected a mapping`)
          return
        }
        for (const [key, element] of Object.entries(value)) {
          this.checkValue(type.element, element, `${where}.${key}`)
        }
        return
      case 'ref': {
        if (!isObject(value)) {
          this.problems.push(`${where}: expected a mapping`)
          return
        }
        const definition = this.db.get('typeDefinition', type.reference)
        this.checkProperties(definition.properties, value, where)
        return
      }
      case 'union': {
        const attempts = type.types.map((member) => {
          const checker = new TemplateChecker(this.db, this.template)
          checker.checkValue(member, value, where)
          return checker.problems
        })
        const best = attempts.reduce((a, b) => (a.length <= b.length ? a : b))
        this.problems.push(...best)
        return
      }
      case 'tag':
        if (!isObject(value) || value.Key === undefined || value.Value === undefined) {
          this.problems.push(`${where}: expected a tag {Key, Value}`)
        }
        return
      default:
        return
    }
  }

  private resourceSpec(name: string): Resource | undefined {
    const resource = this.template.Resources[name]
    return resource
      ? this.db.lookup('resource', 'cloudFormationType', 'equals', resource.Type)[0]
      : undefined
  }

  private checkGetAtt(resourceName: string, attribute: string, where: string): void {
    const spec = this.resourceSpec(resourceName)
    if (!spec) {
      this.problems.push(`${where}: GetAtt of unknown resource ${resourceName}`)
    } else if (!(attribute in spec.attributes)) {
      this.problems.push(
        `${where}: ${resourceName} (${spec.cloudFormationType}) has no attribute ${attribute}`,
      )
    }
  }

  private checkRefTarget(name: string, where: string): void {
    if (
      !PSEUDO_PARAMETERS.has(name) &&
      !(name in this.template.Resources) &&
      !(name in this.template.Parameters)
    ) {
      this.problems.push(`${where}: Ref to unknown name ${name}`)
    }
  }

  private checkSubString(text: string, localNames: string[], where: string): void {
    for (const match of text.matchAll(/\$\{([^!}][^}]*)\}/g)) {
      const variable = match[1] ?? ''
      if (localNames.includes(variable)) continue
      const dot = variable.indexOf('.')
      if (dot > 0 && !variable.startsWith('AWS::')) {
        this.checkGetAtt(variable.slice(0, dot), variable.slice(dot + 1), where)
      } else {
        this.checkRefTarget(variable, where)
      }
    }
  }

  private checkReferences(value: CloudFormationValue | object, where: string): void {
    if (Array.isArray(value)) {
      value.forEach((item: CloudFormationValue, index) =>
        this.checkReferences(item, `${where}[${index}]`),
      )
      return
    }
    if (typeof value !== 'object' || value === null) return
    for (const [key, item] of Object.entries(value as Record<string, CloudFormationValue>)) {
      const at = `${where}.${key}`
      if (key === 'Ref' && typeof item === 'string') this.checkRefTarget(item, at)
      if (key === 'Fn::GetAtt' && Array.isArray(item)) {
        const [resourceName, attribute] = item
        if (typeof resourceName === 'string' && typeof attribute === 'string') {
          this.checkGetAtt(resourceName, attribute, at)
        } else {
          this.problems.push(`${at}: GetAtt needs [resource, attribute]`)
        }
      }
      if (key === 'Fn::Sub') {
        if (typeof item === 'string') this.checkSubString(item, [], at)
        if (Array.isArray(item) && typeof item[0] === 'string' && isObject(item[1])) {
          this.checkSubString(item[0], Object.keys(item[1]), at)
        }
      }
      if (key === 'Fn::If' || key === 'Condition') {
        const condition = Array.isArray(item) ? item[0] : item
        if (typeof condition === 'string' && !(condition in this.template.Conditions)) {
          this.problems.push(`${at}: unknown condition ${condition}`)
        }
      }
      if (typeof item === 'object' && item !== null) this.checkReferences(item, at)
    }
  }
}

/** Every problem found, as "Resource.Properties.Path: what is wrong"; empty when valid. */
export async function validateAgainstResourceSpec(
  template: CloudFormationTemplate,
): Promise<string[]> {
  return new TemplateChecker(await resourceSpecification(), template).check()
}
