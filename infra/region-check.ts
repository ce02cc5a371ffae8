// A wrong region shows up early and plainly: either no such region, or one without Rekognition
// (image labelling is offered in fewer regions than CloudFormation). Each regional service has
// a DNS name only where it runs, so a name lookup answers both without credentials.
import { DeployError } from './deploy-errors.ts'

export type HostResolves = (hostname: string) => Promise<boolean>

export function amazonDomainFor(region: string): string {
  return region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com'
}

export async function checkRegion(region: string, hostResolves: HostResolves): Promise<void> {
  const domain = amazonDomainFor(region)
  if (!(await hostResolves(`cloudformation.${region}.${domain}`))) {
    throw new DeployError(
      `"${region}" is not an AWS region this machine can reach (no cloudformation.${region}.${domain}).`,
    )
  }
  if (!(await hostResolves(`rekognition.${region}.${domain}`))) {
    throw new DeployError(
      `Amazon Rekognition is not offered in ${region}. Pick a region that has it, such as us-east-1, us-west-2, eu-west-1 or ap-northeast-1.`,
    )
  }
}
