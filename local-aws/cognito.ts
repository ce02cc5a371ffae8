// Cognito Identity for guests: GetId and GetCredentialsForIdentity, both unsigned as in AWS.
import { AwsError } from './errors.ts'
import type { LocalState } from './state.ts'

function field(body: Record<string, unknown>, name: string): string {
  const value = body[name]
  if (typeof value !== 'string' || value === '') {
    throw new AwsError(
      'InvalidParameterException',
      400,
      `1 validation error detected: Value null at '${name}' failed to satisfy constraint: Member must not be null`,
    )
  }
  return value
}

export class CognitoService {
  constructor(
    private readonly state: LocalState,
    private readonly now: () => Date,
  ) {}

  /** Answers an operation and names the caller it concerns (the identity id, for the log). */
  async handle(
    operation: string,
    body: Record<string, unknown>,
  ): Promise<{ result: Record<string, unknown>; identityId?: string }> {
    if (operation === 'GetId') {
      const poolId = field(body, 'IdentityPoolId')
      if (poolId !== this.state.identityPoolId) {
        throw new AwsError('ResourceNotFoundException', 400, `IdentityPool '${poolId}' not found.`)
      }
      if (body.Logins && Object.keys(body.Logins).length > 0) {
        throw new AwsError(
          'NotAuthorizedException',
          400,
          'Only unauthenticated identities exist locally.',
        )
      }
      const identityId = await this.state.createIdentity(this.now())
      return { result: { IdentityId: identityId }, identityId }
    }
    if (operation === 'GetCredentialsForIdentity') {
      const identityId = field(body, 'IdentityId')
      if (!this.state.hasIdentity(identityId)) {
        throw new AwsError('ResourceNotFoundException', 400, `Identity '${identityId}' not found.`)
      }
      const credential = await this.state.issueCredentials(identityId, this.now())
      return {
        identityId,
        result: {
          IdentityId: identityId,
          Credentials: {
            AccessKeyId: credential.accessKeyId,
            SecretKey: credential.secretAccessKey,
            SessionToken: credential.sessionToken,
            Expiration: Math.floor(credential.expiration.getTime() / 1000),
          },
        },
      }
    }
    throw new AwsError('UnknownOperationException', 400, `Unknown operation ${operation}`)
  }
}
