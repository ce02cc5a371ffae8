// The app build's XML writer stand-in: none of the app's S3 calls has an XML body, the payloads
// it passes through come out as the SDK's writer gives them, and an XML body is refused.
import { describe, expect, it } from 'vitest'
import {
  DeleteObjectRequest$,
  GetObjectRequest$,
  ListObjectsV2Request$,
  PutObjectRequest$,
} from '@aws-sdk/client-s3'
import { NormalizedSchema } from '@smithy/core/schema'
import { XmlShapeSerializer as SdkSerializer } from './sdk-xml-serializer.js'
import { XmlShapeSerializer as Trimmed } from '../../../src/aws/sdk-trims/xml-serializer'

type Schema = Parameters<typeof NormalizedSchema.of>[0]

const appOperations = {
  PutObjectRequest$,
  GetObjectRequest$,
  ListObjectsV2Request$,
  DeleteObjectRequest$,
}

/** Where HttpBindingProtocol puts a member: anything but these goes through the XML writer. */
function placement(member: NormalizedSchema): string {
  const traits = member.getMergedTraits()
  if (traits.httpHeader || traits.httpPrefixHeaders !== undefined) return 'header'
  if (traits.httpLabel) return 'path'
  if (traits.httpQuery || traits.httpQueryParams) return 'query'
  if (traits.httpPayload && member.isBlobSchema() && member.isStreaming()) return 'streamed bytes'
  return 'XML body'
}

describe('XML writer stand-in', () => {
  for (const [name, schema] of Object.entries(appOperations)) {
    it(`is never reached by ${name.replace('Request$', '')}: no member goes into an XML body`, () => {
      const ns = NormalizedSchema.of(schema)
      const members = [...ns.structIterator()]
      expect(members.length).toBeGreaterThan(1)
      for (const [memberName, member] of members) {
        expect(placement(member), memberName).not.toBe('XML body')
      }
    })
  }

  it('tells an XML body apart (the check above can fail)', () => {
    const withBody = NormalizedSchema.of([
      3,
      'x',
      'WithBody',
      0,
      ['Tagging'],
      [[3, 'x', 'Tagging', 0, [], []]],
    ] as Schema)
    const [, member] = [...withBody.structIterator()][0] ?? []
    expect(member && placement(member)).toBe('XML body')
  })

  it('passes string and byte payloads through as the SDK writer does', () => {
    const bytes = new Uint8Array([0xff, 0xd8, 0xff])
    for (const [schema, value] of [
      [0, 'plain text'],
      [21, bytes],
    ] as const) {
      const sdk = new SdkSerializer({ xmlNamespace: 'http://s3.amazonaws.com/doc/2006-03-01/' })
      const trimmed = new Trimmed()
      sdk.write(schema, value)
      trimmed.write(schema, value)
      expect(trimmed.flush()).toEqual(sdk.flush())
    }
  })

  it('refuses an XML body instead of sending it wrong', () => {
    const tagging = NormalizedSchema.of([3, 'x', 'Tagging', 0, ['TagSet'], [[64 | 0, 0]]] as Schema)
    expect(() => new Trimmed().write(tagging, { TagSet: ['a'] })).toThrow(/XML request bodies/)
    expect(() => new Trimmed().flush()).toThrow(/Nothing was written/)
  })
})
