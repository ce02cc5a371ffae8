// Cognito Identity: GetId and GetCredentialsForIdentity for guests, both unsigned as in AWS, and
// DescribeIdentityPool / UpdateIdentityPool for the admin key only, which is how the daily cap
// pauses guests (AllowUnauthenticatedIdentities false). A paused pool refuses guests with the
// error Cognito gives for a pool without unauthenticated identities.
import { AwsError } from './errors.ts'
import { verifySignature, type SignedRequest } from './sigv4.ts'
import { localRegion, type Caller, type LocalState } from './state.ts'

const localAccountId = '000000000000'

/** Login providers and the classic flow do not exist locally: only guest identities do. */
const unsupportedPoolSettings = [
  'SupportedLoginProviders',
  'DeveloperProviderName',
  'OpenIdConnectProviderARNs',
  'CognitoIdentityProviders',
  'SamlProviderARNs',
]

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

function booleanField(body: Record<string, unknown>, name: string): boolean {
  const value = body[name]
  if (typeof value !== 'boolean') {
    throw new AwsError(
      'InvalidParameterException',
      400,
      `1 validation error detected: Value null at '${name}' failed to satisfy constraint: Member must not be null`,
    )
  }
  return value
}

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true
  if (Array.isArray(value)) return value.length === 0
  return typeof value === 'object' && Object.keys(value).length === 0
}

export type CognitoRequest = Omit<SignedRequest, 'service'>

export class CognitoService {
  constructor(
    private readonly state: LocalState,
    private readonly now: () => Date,
  ) {}

  /** Answers an operation and names the caller it concerns (for the log). */
  async handle(
    operation: string,
    body: Record<string, unknown>,
    request: CognitoRequest,
  ): Promise<{ result: Record<string, unknown>; caller?: Caller }> {
    if (operation === 'GetId') {
      this.checkPool(field(body, 'IdentityPoolId'))
      if (body.Logins && Object.keys(body.Logins).length > 0) {
        throw new AwsError(
          'NotAuthorizedException',
          400,
          'Only unauthenticated identities exist locally.',
        )
      }
      this.refuseGuestsWhilePaused()
      const identityId = await this.state.createIdentity(this.now())
      return { result: { IdentityId: identityId }, caller: { kind: 'guest', identityId } }
    }
    if (operation === 'GetCredentialsForIdentity') {
      const identityId = field(body, 'IdentityId')
      if (!this.state.hasIdentity(identityId)) {
        throw new AwsError('ResourceNotFoundException', 400, `Identity '${identityId}' not found.`)
      }
      this.refuseGuestsWhilePaused()
      const credential = await this.state.issueCredentials(identityId, this.now())
      return {
        caller: { kind: 'guest', identityId },
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
    if (operation === 'DescribeIdentityPool') {
      const caller = await this.requireAdmin(operation, request)
      this.checkPool(field(body, 'IdentityPoolId'))
      return { result: this.describePool(), caller }
    }
    if (operation === 'UpdateIdentityPool') {
      const caller = await this.requireAdmin(operation, request)
      this.checkPool(field(body, 'IdentityPoolId'))
      const name = field(body, 'IdentityPoolName')
      const allowUnauthenticatedIdentities = booleanField(body, 'AllowUnauthenticatedIdentities')
      const unsupported = unsupportedPoolSettings.find((setting) => !isEmpty(body[setting]))
      if (unsupported !== undefined || body.AllowClassicFlow === true) {
        throw new AwsError(
          'InvalidParameterException',
          400,
          `${unsupported ?? 'AllowClassicFlow'} is not supported locally: only guest identities of the enhanced flow exist here.`,
        )
      }
      await this.state.setGuestPool({ name, allowUnauthenticatedIdentities })
      return { result: this.describePool(), caller }
    }
    throw new AwsError('UnknownOperationException', 400, `Unknown operation ${operation}`)
  }

  private checkPool(poolId: string): void {
    if (poolId !== this.state.identityPoolId) {
      throw new AwsError('ResourceNotFoundException', 400, `IdentityPool '${poolId}' not found.`)
    }
  }

  /** Cognito's answer, word for word, to guests of a pool with unauthenticated identities off. */
  private refuseGuestsWhilePaused(): void {
    if (!this.state.guestPool.allowUnauthenticatedIdentities) {
      throw new AwsError(
        'NotAuthorizedException',
        400,
        'Unauthenticated access is not supported for this identity pool.',
      )
    }
  }

  /** Pool settings are the owner's: signed with the admin key, as IAM allows only the owner. */
  private async requireAdmin(operation: string, request: CognitoRequest): Promise<Caller> {
    const { caller } = await verifySignature(
      { ...request, service: 'cognito-identity' },
      (key) => this.state.findCredential(key),
      this.now(),
    )
    if (caller.kind !== 'admin') {
      const pool = `arn:aws:cognito-identity:${localRegion}:${localAccountId}:identitypool/${this.state.identityPoolId}`
      throw new AwsError(
        'AccessDeniedException',
        400,
        `User: ${caller.identityId} is not authorized to perform: cognito-identity:${operation} on resource: ${pool}`,
      )
    }
    return caller
  }

  private describePool(): Record<string, unknown> {
    const pool = this.state.guestPool
    return {
      IdentityPoolId: this.state.identityPoolId,
      IdentityPoolName: pool.name,
      AllowUnauthenticatedIdentities: pool.allowUnauthenticatedIdentities,
      AllowClassicFlow: false,
      IdentityPoolTags: {},
    }
  }
}
