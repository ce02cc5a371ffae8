// Checksums S3 clients send with uploads, in the base64 form of their headers.
import { createHash } from 'node:crypto'
import { crc32 } from 'node:zlib'

const crc32cTable = (() => {
  const table = new Uint32Array(256)
  for (let index = 0; index < 256; index++) {
    let value = index
    for (let bit = 0; bit < 8; bit++) value = value & 1 ? (value >>> 1) ^ 0x82f63b78 : value >>> 1
    table[index] = value >>> 0
  }
  return table
})()

function crc32c(data: Uint8Array): number {
  let crc = 0xffffffff
  for (const byte of data) crc = crc32cTable[(crc ^ byte) & 0xff]! ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}

function uint32Base64(value: number): string {
  const bytes = Buffer.alloc(4)
  bytes.writeUInt32BE(value >>> 0)
  return bytes.toString('base64')
}

export type ChecksumAlgorithm = 'crc32' | 'crc32c' | 'sha1' | 'sha256'

export const checksumAlgorithms: ChecksumAlgorithm[] = ['crc32', 'crc32c', 'sha1', 'sha256']

export function checksumBase64(algorithm: ChecksumAlgorithm, data: Uint8Array): string {
  switch (algorithm) {
    case 'crc32':
      return uint32Base64(crc32(data))
    case 'crc32c':
      return uint32Base64(crc32c(data))
    case 'sha1':
    case 'sha256':
      return createHash(algorithm).update(data).digest('base64')
  }
}

export function md5Base64(data: Uint8Array): string {
  return createHash('md5').update(data).digest('base64')
}
