// The app build's JSON codec stand-in writes and reads the app's Rekognition and Cognito
// Identity calls exactly as the SDK's own codec does, and refuses the shapes it does not cover.
import { describe, expect, it } from 'vitest'
import { DetectLabels$, DetectLabelsRequest$ } from '@aws-sdk/client-rekognition'
import {
  GetCredentialsForIdentity$,
  GetId$,
  InvalidParameterException$,
} from '@aws-sdk/nested-clients/cognito-identity'
import { JsonCodec2 as SdkCodec } from './sdk-json-codec.js'
import { JsonCodec2 as TrimmedCodec } from '../../../src/aws/sdk-trims/json-codec'
import { detectLabelsInput } from '../../../src/aws/labels'
import { DEFAULT_SETTINGS } from '../../../src/lib/detection-settings'

// As AwsJsonRpcProtocol makes it.
const sdk = new SdkCodec({ timestampFormat: { useTrait: true, default: 7 }, jsonName: false })
sdk.setSerdeContext({})
const trimmed = new TrimmedCodec()

type Schema = Parameters<ReturnType<TrimmedCodec['createSerializer']>['write']>[0]
const inputOf = (operation: unknown) => (operation as unknown[])[4] as Schema
const outputOf = (operation: unknown) => (operation as unknown[])[5] as Schema

function written(codec: SdkCodec | TrimmedCodec, schema: Schema, value: unknown): unknown {
  const serializer = codec.createSerializer()
  serializer.write(schema, value)
  const body = serializer.flush()
  return JSON.parse(typeof body === 'string' ? body : new TextDecoder().decode(body))
}

async function bothRead(schema: Schema, body: unknown) {
  const bytes = new TextEncoder().encode(JSON.stringify(body))
  return {
    sdk: await sdk.createDeserializer().read(schema, bytes),
    trimmed: await trimmed.createDeserializer().read(schema, bytes),
  }
}

const detectLabelsAnswer = {
  Labels: [
    {
      Name: 'Cat',
      Confidence: 97.25,
      Instances: [
        {
          BoundingBox: { Width: 0.5, Height: 0.4, Left: 0.1, Top: 0.2 },
          Confidence: 96.5,
          DominantColors: [
            { Red: 10, Green: 20, Blue: 30, HexCode: '#0A141E', PixelPercent: 12.5 },
          ],
        },
      ],
      Parents: [{ Name: 'Animal' }],
      Aliases: [{ Name: 'Kitty' }],
      Categories: [{ Name: 'Animals and Pets' }],
      FieldFromTheFuture: 'dropped by both',
    },
  ],
  ImageProperties: {
    Quality: { Brightness: 80.1, Sharpness: 90.2, Contrast: 70.3 },
    DominantColors: [{ Red: 1, Green: 2, Blue: 3, CSSColor: 'black', PixelPercent: 50 }],
    Foreground: { Quality: { Brightness: 60 } },
  },
  LabelModelVersion: '3.0',
}

describe('JSON codec stand-in', () => {
  it('writes DetectLabels requests as the SDK does, for every setting the app sends', () => {
    const variants = [
      DEFAULT_SETTINGS,
      { ...DEFAULT_SETTINGS, imageProperties: true, maxLabels: 7, minConfidence: 55.5 },
      { ...DEFAULT_SETTINGS, includeCategories: ['Animals and Pets'] },
      { ...DEFAULT_SETTINGS, excludeCategories: ['Text', 'Weapons'] },
    ]
    for (const settings of variants) {
      const input = detectLabelsInput('bucket-1', 'photos/eu-west-1:abc/p.jpg', settings)
      const schema = DetectLabelsRequest$ as Schema
      expect(written(trimmed, schema, input)).toEqual(written(sdk, schema, input))
    }
  })

  it('reads DetectLabels answers as the SDK does, unknown members left out', async () => {
    const { sdk: expected, trimmed: actual } = await bothRead(
      outputOf(DetectLabels$),
      detectLabelsAnswer,
    )
    expect(actual).toEqual(expected)
    expect(JSON.stringify(actual)).not.toContain('FieldFromTheFuture')
  })

  it('writes GetId and GetCredentialsForIdentity requests as the SDK does', () => {
    const getId = { IdentityPoolId: 'eu-west-1:pool', AccountId: undefined }
    expect(written(trimmed, inputOf(GetId$), getId)).toEqual(written(sdk, inputOf(GetId$), getId))
    const forIdentity = { IdentityId: 'eu-west-1:id', Logins: { 'x.example': 'token' } }
    const schema = inputOf(GetCredentialsForIdentity$)
    expect(written(trimmed, schema, forIdentity)).toEqual(written(sdk, schema, forIdentity))
  })

  it('reads Cognito answers as the SDK does, the expiry (epoch seconds) as a date', async () => {
    const answer = {
      IdentityId: 'eu-west-1:id',
      Credentials: {
        AccessKeyId: 'ASIA',
        SecretKey: 'secret',
        SessionToken: 'token',
        Expiration: 1767225600.5,
      },
    }
    const { sdk: expected, trimmed: actual } = await bothRead(
      outputOf(GetCredentialsForIdentity$),
      answer,
    )
    expect(actual).toEqual(expected)
    expect((actual as { Credentials: { Expiration: Date } }).Credentials.Expiration).toEqual(
      new Date(1767225600500),
    )
    const getId = await bothRead(outputOf(GetId$), { IdentityId: 'eu-west-1:id' })
    expect(getId.trimmed).toEqual(getId.sdk)
  })

  it('reads error bodies as the SDK does (the document, then the error members)', async () => {
    const body = {
      __type: 'com.amazonaws.cognito.identity#InvalidParameterException',
      message: 'Bad pool',
    }
    const document = await bothRead(15, body)
    expect(document.trimmed).toEqual(document.sdk)
    const schema = InvalidParameterException$ as Schema
    expect(trimmed.createDeserializer().readObject(schema, body)).toEqual(
      sdk.createDeserializer().readObject(schema, body),
    )
  })

  it('reads an empty body as an empty answer, and keeps the text of a body that is not JSON', async () => {
    expect(await trimmed.createDeserializer().read(outputOf(GetId$), new Uint8Array())).toEqual({})
    const html = new TextEncoder().encode('<html>Bad gateway</html>')
    const failure = await trimmed
      .createDeserializer()
      .read(outputOf(GetId$), html)
      .catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(SyntaxError)
    expect(failure).toHaveProperty('$responseBodyText', '<html>Bad gateway</html>')
  })

  it('refuses what the app never sends instead of writing it wrong', () => {
    const withBytes = { Image: { Bytes: new Uint8Array([1, 2, 3]) } }
    expect(() => written(trimmed, DetectLabelsRequest$ as Schema, withBytes)).toThrow(/blobs/)
  })
})
