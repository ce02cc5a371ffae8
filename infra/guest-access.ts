// Turns guest access of the identity pool on or off, as the daily cap's function does (its code
// lives inline in template.yaml): UpdateIdentityPool replaces the whole configuration, so every
// other setting is read first and sent back unchanged.
import {
  DescribeIdentityPoolCommand,
  UpdateIdentityPoolCommand,
  type CognitoIdentityClient,
} from '@aws-sdk/client-cognito-identity'

/** Answers whether anything changed (false when guests were already allowed, or already out). */
export async function setGuestAccess(
  cognito: CognitoIdentityClient,
  identityPoolId: string,
  allowed: boolean,
): Promise<boolean> {
  const pool = await cognito.send(
    new DescribeIdentityPoolCommand({ IdentityPoolId: identityPoolId }),
  )
  if (pool.AllowUnauthenticatedIdentities === allowed) return false
  await cognito.send(
    new UpdateIdentityPoolCommand({
      IdentityPoolId: identityPoolId,
      IdentityPoolName: pool.IdentityPoolName ?? '',
      AllowUnauthenticatedIdentities: allowed,
      AllowClassicFlow: pool.AllowClassicFlow,
      SupportedLoginProviders: pool.SupportedLoginProviders,
      DeveloperProviderName: pool.DeveloperProviderName,
      OpenIdConnectProviderARNs: pool.OpenIdConnectProviderARNs,
      CognitoIdentityProviders: pool.CognitoIdentityProviders,
      SamlProviderARNs: pool.SamlProviderARNs,
    }),
  )
  return true
}
