// Turns what the SDK throws into messages a person deploying can act on.

/** An error whose message is meant for the person running the command, printed without a stack. */
export class DeployError extends Error {
  override name = 'DeployError'
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : ''
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

const REJECTED_CREDENTIALS = new Set([
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'SignatureDoesNotMatch',
  'InvalidAccessKeyId',
  'InvalidSignatureException',
])
const EXPIRED_CREDENTIALS = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired'])
const ACCESS_DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation'])

/**
 * Explains credential, permission and network errors; anything else is returned unchanged so
 * its own message (often a CloudFormation validation message) reaches the user.
 */
export function explainAwsError(error: unknown, region: string): unknown {
  if (error instanceof DeployError) return error
  const name = errorName(error)
  const text = errorText(error)
  if (name === 'CredentialsProviderError' || /could not load credentials/i.test(text)) {
    return new DeployError(
      'No AWS credentials found. Configure them with `aws configure` or `aws sso login` ' +
        '(AWS_PROFILE picks a profile), or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.',
    )
  }
  if (EXPIRED_CREDENTIALS.has(name)) {
    return new DeployError(`Your AWS credentials have expired (${text}). Refresh them and retry.`)
  }
  if (REJECTED_CREDENTIALS.has(name)) {
    return new DeployError(
      `AWS rejected your credentials in ${region} (${name}: ${text}). Check the access key, ` +
        `or enable ${region} for the account if it is an opt-in region.`,
    )
  }
  if (ACCESS_DENIED.has(name)) {
    return new DeployError(
      `Your credentials are not allowed to do this in ${region}: ${text}. ` +
        'Deploying needs rights to manage CloudFormation, S3, CloudFront, Cognito identity pools, IAM roles, SNS and CloudWatch alarms.',
    )
  }
  // CloudFormation's answer to bad parameters or templates: its message says what to fix.
  if (name === 'ValidationError') return new DeployError(`CloudFormation: ${text}`)
  if (/ENOTFOUND|EAI_AGAIN|getaddrinfo/.test(text)) {
    return new DeployError(
      `Cannot reach AWS in region "${region}" (${text}). Check the region name and your network.`,
    )
  }
  return error
}
