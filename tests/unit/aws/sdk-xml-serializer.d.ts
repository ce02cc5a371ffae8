import type { XmlShapeSerializer as Trimmed } from '../../../src/aws/sdk-trims/xml-serializer'

export class XmlShapeSerializer {
  constructor(settings: { xmlNamespace?: string })
  write(...args: Parameters<Trimmed['write']>): void
  flush(): Uint8Array | string
}
