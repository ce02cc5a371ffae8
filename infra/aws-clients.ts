// The real dependencies of deploy, destroy and resume: SDK clients for one region with credentials from
// the standard chain (environment, shared config and SSO, container and instance roles), the
// Vite build, and DNS lookups.
import { lookup } from 'node:dns/promises'
import { readFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { CloudFormationClient } from '@aws-sdk/client-cloudformation'
import { CloudFrontClient } from '@aws-sdk/client-cloudfront'
import { CognitoIdentityClient } from '@aws-sdk/client-cognito-identity'
import { RekognitionClient } from '@aws-sdk/client-rekognition'
import { S3Client } from '@aws-sdk/client-s3'
import type { DeployDependencies } from './deploy-app.ts'
import type { DestroyDependencies } from './destroy-app.ts'
import type { ResumeDependencies } from './resume-app.ts'
import { deleteSchedule } from './schedule-api.ts'
import type { GuestClients, GuestCredentials } from './smoke-test.ts'
import { DEFAULT_WAIT, type Log } from './stack.ts'

const infraDirectory = dirname(fileURLToPath(import.meta.url))
const repositoryRoot = dirname(infraDirectory)

async function hostResolves(hostname: string): Promise<boolean> {
  try {
    await lookup(hostname)
    return true
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOTFOUND') return false
    throw error
  }
}

async function buildApp(): Promise<string> {
  // Loaded here so that destroy never pays for Vite.
  const { build } = await import('vite')
  await build({ root: repositoryRoot, logLevel: 'warn' })
  return join(repositoryRoot, 'dist')
}

function guestClientsFor(region: string) {
  return (credentials: GuestCredentials): GuestClients => ({
    s3: new S3Client({ region, credentials }),
    rekognition: new RekognitionClient({ region, credentials }),
  })
}

export async function realDeployDependencies(
  region: string,
  log: Log,
): Promise<DeployDependencies> {
  return {
    cloudFormation: new CloudFormationClient({ region }),
    s3: new S3Client({ region }),
    // CloudFront is global; its API lives in us-east-1.
    cloudFront: new CloudFrontClient({ region: 'us-east-1' }),
    cognito: new CognitoIdentityClient({ region }),
    guestClients: guestClientsFor(region),
    hostResolves,
    buildApp,
    templateBody: await readFile(join(infraDirectory, 'template.yaml'), 'utf8'),
    smokePhoto: await readFile(join(infraDirectory, 'smoke-test-photo.jpg')),
    wait: DEFAULT_WAIT,
    log,
  }
}

export function realDestroyDependencies(region: string, log: Log): DestroyDependencies {
  return {
    cloudFormation: new CloudFormationClient({ region }),
    s3: new S3Client({ region }),
    wait: DEFAULT_WAIT,
    log,
  }
}

export function realResumeDependencies(region: string, log: Log): ResumeDependencies {
  const cloudFormation = new CloudFormationClient({ region })
  return {
    cloudFormation,
    cognito: new CognitoIdentityClient({ region }),
    // Signed with the same credentials and hash as the CloudFormation calls.
    deleteSchedule: (name) =>
      deleteSchedule(name, {
        region,
        credentials: cloudFormation.config.credentials,
        sha256: cloudFormation.config.sha256,
      }),
    log,
  }
}
