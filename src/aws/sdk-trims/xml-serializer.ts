// Stands in for the SDK's XML request writer (`XmlShapeSerializer` of `@aws-sdk/core`) in the
// app's build (vite.config.ts). The app's S3 calls (PutObject, GetObject, ListObjectsV2,
// DeleteObject) carry everything in the path, the query and headers, and PutObject's body is the
// photo's bytes, passed through as they are; none has an XML body, so the writer and the XML
// builder it uses (about 1.6 KiB gzip) would never run. Reading S3's XML answers is untouched.
// A call that would need an XML body fails with a clear error instead of going out wrong.
// tests/unit/aws/xml-serializer.spec.ts checks the app's operations have no such body.
import { NormalizedSchema } from '@smithy/core/schema'

type Schema = Parameters<typeof NormalizedSchema.of>[0]

export class XmlShapeSerializer {
  private payload: Uint8Array | string | undefined

  setSerdeContext() {}

  write(schema: Schema, value: unknown) {
    const ns = NormalizedSchema.of(schema)
    if (ns.isStringSchema() && typeof value === 'string') this.payload = value
    else if (ns.isBlobSchema() && value instanceof Uint8Array) this.payload = value
    else
      throw new Error('XML request bodies are not part of this app build (see src/aws/sdk-trims/).')
  }

  flush(): Uint8Array | string {
    const payload = this.payload
    this.payload = undefined
    if (payload === undefined) throw new Error('Nothing was written to the XML serializer.')
    return payload
  }
}
