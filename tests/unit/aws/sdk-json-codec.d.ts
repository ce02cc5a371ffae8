import type { JsonCodec2 as Trimmed } from '../../../src/aws/sdk-trims/json-codec'

interface Settings {
  timestampFormat: { useTrait: boolean; default: number }
  jsonName: boolean
}

export class JsonCodec2 {
  constructor(settings: Settings)
  setSerdeContext(context: unknown): void
  createSerializer(): {
    write(...args: Parameters<ReturnType<Trimmed['createSerializer']>['write']>): void
    flush(): Uint8Array | string | undefined
  }
  createDeserializer(): ReturnType<Trimmed['createDeserializer']>
}
