// The hash class @smithy/signature-v4 expects, backed by node:crypto.
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto'
import type { Checksum, SourceData } from '@smithy/types'

function bytesOf(data: SourceData): Uint8Array {
  if (typeof data === 'string') return Buffer.from(data, 'utf8')
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
  return new Uint8Array(data)
}

export class NodeSha256 implements Checksum {
  private hash: Hash | Hmac

  constructor(private readonly secret?: SourceData) {
    this.hash = this.create()
  }

  update(data: Uint8Array): void {
    this.hash.update(data)
  }

  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()))
  }

  reset(): void {
    this.hash = this.create()
  }

  private create(): Hash | Hmac {
    return this.secret === undefined
      ? createHash('sha256')
      : createHmac('sha256', bytesOf(this.secret))
  }
}

export function sha256Hex(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex')
}
