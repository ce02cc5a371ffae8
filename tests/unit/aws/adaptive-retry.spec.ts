// The app's AWS clients retry in the SDK's standard mode, so the adaptive strategy the app build
// leaves out is never made; the stand-in says so if a client ever asked for it.
import { describe, expect, it } from 'vitest'
import { RekognitionClient } from '@aws-sdk/client-rekognition'
import { S3Client } from '@aws-sdk/client-s3'
import { AdaptiveRetryStrategy } from '../../../src/aws/sdk-trims/adaptive-retry'

const credentials = { accessKeyId: 'AKIA', secretAccessKey: 'secret' }

describe('adaptive retry stand-in', () => {
  it("is never needed: the clients as the app makes them retry in 'standard' mode", async () => {
    // As src/aws/session.ts and my-photos.ts make them (no retry settings).
    const clients = [
      new S3Client({ region: 'eu-west-1', credentials, forcePathStyle: true }),
      new RekognitionClient({ region: 'eu-west-1', credentials }),
    ]
    for (const client of clients) {
      const strategy = await client.config.retryStrategy()
      expect(strategy).toHaveProperty('mode', 'standard')
      client.destroy()
    }
  })

  it("would be needed if a client asked for 'adaptive' (the check above can fail)", async () => {
    const client = new S3Client({ region: 'eu-west-1', credentials, retryMode: 'adaptive' })
    expect(await client.config.retryStrategy()).toHaveProperty('mode', 'adaptive')
    client.destroy()
  })

  it('refuses to be made', () => {
    expect(() => new AdaptiveRetryStrategy()).toThrow(/adaptive/)
  })
})
