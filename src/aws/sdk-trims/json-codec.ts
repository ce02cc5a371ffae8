// Stands in for the SDK's JSON codec (`JsonCodec2` of `@smithy/core/protocols`) in the app's
// build (vite.config.ts). Only the Rekognition client and the credential provider's Cognito
// Identity client speak JSON, in four shapes: DetectLabels, GetId, GetCredentialsForIdentity and
// their errors. Those hold structures, lists, maps, strings, numbers, booleans and epoch
// timestamps, which plain JSON.stringify/parse and a walk over the schema cover; the real codec
// (a byte-level writer, big-number revivers, blobs, documents, unions: about 4 KiB gzip) is left
// out. Anything it does not cover is refused with a clear error rather than sent or read wrong.
// tests/unit/aws/json-codec.spec.ts checks both directions against the SDK's own codec.
import { NormalizedSchema } from '@smithy/core/schema'
import { parseEpochTimestamp } from '@smithy/core/serde'

type Schema = Parameters<typeof NormalizedSchema.of>[0]
type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

function unsupported(what: string): never {
  throw new Error(`JSON ${what} is not part of this app build (see src/aws/sdk-trims/).`)
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Epoch seconds is the JSON protocols' default; the other formats only come from a trait. */
function checkTimestampFormat(ns: NormalizedSchema) {
  if (ns.getSchema() !== 7 && ns.getSchema() !== 4) unsupported('timestamps other than epoch')
}

function checkCovered(ns: NormalizedSchema) {
  if (ns.isBlobSchema()) unsupported('blobs')
  if (ns.isBigIntegerSchema() || ns.isBigDecimalSchema()) unsupported('big numbers')
  if (ns.isUnionSchema()) unsupported('unions')
  if (ns.isStringSchema() && ns.getMergedTraits().mediaType) unsupported('media-typed strings')
}

function toJson(ns: NormalizedSchema, value: unknown): Json | undefined {
  if (value == null) return null
  checkCovered(ns)
  if (ns.isDocumentSchema()) unsupported('documents')
  if (ns.isStructSchema()) {
    if (!isRecord(value)) unsupported('structures that are not objects')
    if (typeof value.__type === 'string') unsupported('typed structures')
    const out: Record<string, Json> = {}
    for (const [name, member] of ns.structIterator()) {
      if (member.isIdempotencyToken()) unsupported('idempotency tokens')
      const item = value[name]
      if (item != null) out[name] = toJson(member, item) ?? null
    }
    return out
  }
  if (ns.isListSchema()) {
    if (!Array.isArray(value)) unsupported('lists that are not arrays')
    return value.map((item) => toJson(ns.getValueSchema(), item) ?? null)
  }
  if (ns.isMapSchema()) {
    if (!isRecord(value)) unsupported('maps that are not objects')
    const out: Record<string, Json> = {}
    for (const [key, item] of Object.entries(value))
      out[key] = toJson(ns.getValueSchema(), item) ?? null
    return out
  }
  if (ns.isTimestampSchema()) {
    checkTimestampFormat(ns)
    if (!(value instanceof Date)) unsupported('timestamps that are not dates')
    return Math.round(value.getTime()) / 1000
  }
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value)
  if (typeof value === 'string' || typeof value === 'boolean') return value
  return unsupported(`values of type ${typeof value}`)
}

function fromJson(ns: NormalizedSchema, value: unknown): unknown {
  if (ns.isDocumentSchema()) return value
  checkCovered(ns)
  if (value === null || value === undefined) return value
  if (ns.isStructSchema() && isRecord(value)) {
    const out: Record<string, unknown> = {}
    for (const [name, member] of ns.structIterator()) {
      if (value[name] != null) out[name] = fromJson(member, value[name])
    }
    // An error body names its type: the SDK keeps the members it does not know, too.
    if (typeof value.__type === 'string') {
      for (const [key, item] of Object.entries(value)) if (!(key in out)) out[key] = item
    }
    return out
  }
  if (ns.isListSchema() && Array.isArray(value)) {
    return value.map((item) => fromJson(ns.getValueSchema(), item))
  }
  if (ns.isMapSchema() && isRecord(value)) {
    const out: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(value)) out[key] = fromJson(ns.getValueSchema(), item)
    return out
  }
  if (ns.isTimestampSchema()) {
    checkTimestampFormat(ns)
    return parseEpochTimestamp(value)
  }
  if (ns.isNumericSchema() && typeof value === 'string') {
    if (value === 'Infinity') return Infinity
    if (value === '-Infinity') return -Infinity
    if (value === 'NaN') return NaN
  }
  return value
}

class JsonSerializer {
  private body: string | undefined
  setSerdeContext() {}
  write(schema: Schema, value: unknown) {
    const ns = NormalizedSchema.of(schema)
    if (ns.isBlobSchema() || ns.isStringSchema()) unsupported('payloads that are not structures')
    this.body = JSON.stringify(toJson(ns, value))
  }
  flush(): string | undefined {
    const body = this.body
    this.body = undefined
    return body
  }
}

class JsonDeserializer {
  setSerdeContext() {}
  read(schema: Schema, data: Uint8Array | string): Promise<unknown> {
    // A body that is not JSON rejects, as the SDK's read does.
    return new Promise((resolve) => resolve(this.parse(schema, data)))
  }
  private parse(schema: Schema, data: Uint8Array | string): unknown {
    const text = typeof data === 'string' ? data : new TextDecoder().decode(data)
    if (text.length === 0) return {}
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch (error) {
      // As the SDK does: the body travels with the error, for its error handling.
      if (error instanceof SyntaxError)
        Object.defineProperty(error, '$responseBodyText', { value: text })
      throw error
    }
    return fromJson(NormalizedSchema.of(schema), parsed)
  }
  readObject(schema: Schema, data: unknown): unknown {
    return fromJson(NormalizedSchema.of(schema), data)
  }
}

export class JsonCodec2 {
  setSerdeContext() {}
  createSerializer() {
    return new JsonSerializer()
  }
  createDeserializer() {
    return new JsonDeserializer()
  }
}
