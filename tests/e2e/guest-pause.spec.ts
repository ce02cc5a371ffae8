// The owner's daily cap, end to end on the local endpoint: the pool's guest access is switched
// off as the cap's function does it (UpdateIdentityPool through the admin key), the app says
// labelling is paused and that photos are safe, and once access is back Retry labels the photo.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { CognitoIdentityClient } from '@aws-sdk/client-cognito-identity'
import { expect, test } from '@playwright/test'
import { setGuestAccess } from '../../infra/guest-access'
import { AppPage, endpointDataDir, photos } from './app-page'

test.use({ viewport: { width: 1280, height: 800 } })

/** The endpoint's own admin client, from the data folder `npm start` writes (one per port). */
async function adminCognito(baseURL: string | undefined) {
  const dataDir = endpointDataDir(baseURL)
  const config = JSON.parse(await readFile(join(dataDir, 'config.json'), 'utf8')) as {
    region: string
    identityPoolId: string
    endpoint: string
  }
  const credentials = await readFile(join(dataDir, 'credentials'), 'utf8')
  const value = (name: string) => new RegExp(`^${name}\\s*=\\s*(\\S+)`, 'm').exec(credentials)?.[1]
  const client = new CognitoIdentityClient({
    region: config.region,
    endpoint: config.endpoint,
    credentials: {
      accessKeyId: value('aws_access_key_id') ?? '',
      secretAccessKey: value('aws_secret_access_key') ?? '',
    },
  })
  return { client, poolId: config.identityPoolId }
}

test('a paused site says so, keeps the photo, and labels it once guests are back', async ({
  page,
  baseURL,
}) => {
  const cognito = await adminCognito(baseURL)
  try {
    expect(await setGuestAccess(cognito.client, cognito.poolId, false)).toBe(true)
    const app = new AppPage(page)
    await app.open()
    await app.addPhoto(photos.cat)
    await expect(app.error).toContainText('Labelling is paused on this site')
    await expect(app.error).toContainText('Your photos are safe')
    await expect(app.error).toContainText('the pause ends by itself')
    await app.screenshot('guest-pause-desktop')

    expect(await setGuestAccess(cognito.client, cognito.poolId, true)).toBe(true)
    await page.getByRole('button', { name: 'Retry' }).click()
    await app.waitForLabels()
    await expect(app.labelRow('Cat', app.objects)).toBeVisible()
  } finally {
    await setGuestAccess(cognito.client, cognito.poolId, true)
    cognito.client.destroy()
  }
})
