// Deletes the daily cap's pending resume schedule. The one EventBridge Scheduler call `npm run
// resume` makes is sent as a SigV4-signed REST request (DELETE /schedules/NAME), with the
// credentials and hash of the stack's CloudFormation client, so no Scheduler SDK client is
// needed for it.
import { SignatureV4 } from '@smithy/signature-v4'
import type {
  AwsCredentialIdentityProvider,
  ChecksumConstructor,
  HashConstructor,
} from '@smithy/types'
import { DeployError } from './deploy-errors.ts'

export interface SigningSetup {
  region: string
  credentials: AwsCredentialIdentityProvider
  sha256: ChecksumConstructor | HashConstructor
}

export type Fetch = (url: string, init: RequestInit) => Promise<Response>

function schedulerHost(region: string): string {
  return `scheduler.${region}.${region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com'}`
}

/** Answers true when a schedule was deleted, false when there was none. */
export async function deleteSchedule(
  name: string,
  setup: SigningSetup,
  fetchImpl: Fetch = fetch,
): Promise<boolean> {
  const hostname = schedulerHost(setup.region)
  const path = `/schedules/${encodeURIComponent(name)}`
  const signer = new SignatureV4({
    credentials: setup.credentials,
    region: setup.region,
    service: 'scheduler',
    sha256: setup.sha256,
  })
  const signed = await signer.sign({
    method: 'DELETE',
    protocol: 'https:',
    hostname,
    path,
    query: { groupName: 'default' },
    headers: { host: hostname },
  })
  const headers = { ...signed.headers }
  delete headers.host
  const response = await fetchImpl(`https://${hostname}${path}?groupName=default`, {
    method: 'DELETE',
    headers,
  })
  if (response.ok) return true
  if (response.status === 404) return false
  const type = response.headers.get('x-amzn-errortype')?.split(':')[0] ?? `HTTP ${response.status}`
  const text = await response.text()
  throw new DeployError(`Deleting the resume schedule ${name} failed: ${type} ${text}`.trim())
}
