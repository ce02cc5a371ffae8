// Objects of the one local bucket, on disk. Each object is a data file plus a small JSON record
// naming it; both are written atomically, the record last, so a crash leaves the old object or
// the new one. The records are also kept in memory for listing.
import { createHash, randomBytes } from 'node:crypto'
import { mkdir, readdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { writeFileAtomic } from './atomic-file.ts'

export interface StoredObject {
  key: string
  size: number
  /** Quoted MD5 hex, as S3 returns it. */
  etag: string
  contentType: string
  metadata: Record<string, string>
  lastModified: string
  crc32: string
  dataFile: string
}

export class ObjectStore {
  private readonly records = new Map<string, StoredObject>()
  /** Writes to one key run one after another, so conditional writes are decided in order. */
  private readonly keyLocks = new Map<string, Promise<unknown>>()

  private constructor(private readonly directory: string) {}

  static async open(directory: string): Promise<ObjectStore> {
    const store = new ObjectStore(directory)
    await mkdir(directory, { recursive: true })
    const names = await readdir(directory)
    const referenced = new Set<string>()
    for (const name of names.filter((entry) => entry.endsWith('.json'))) {
      const record = JSON.parse(await readFile(join(directory, name), 'utf8')) as StoredObject
      store.records.set(record.key, record)
      referenced.add(record.dataFile)
    }
    // Data files whose record never landed, and temporary files never renamed, belong to writes
    // a crash interrupted.
    const orphans = names.filter(
      (entry) => (entry.endsWith('.bin') && !referenced.has(entry)) || entry.startsWith('.tmp-'),
    )
    for (const name of orphans) {
      await rm(join(directory, name), { force: true })
    }
    return store
  }

  get(key: string): StoredObject | undefined {
    return this.records.get(key)
  }

  read(record: StoredObject): Promise<Buffer> {
    return readFile(join(this.directory, record.dataFile))
  }

  sortedKeys(): string[] {
    return [...this.records.keys()].sort()
  }

  /** Runs `task` with the key locked against other writes to it. */
  async withKeyLock<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.keyLocks.get(key) ?? Promise.resolve()
    const run = previous.catch(() => undefined).then(task)
    this.keyLocks.set(key, run)
    try {
      return await run
    } finally {
      if (this.keyLocks.get(key) === run) this.keyLocks.delete(key)
    }
  }

  async put(
    key: string,
    body: Uint8Array,
    details: {
      contentType: string
      metadata: Record<string, string>
      crc32: string
      now: Date
      /** A multipart upload's `"…-N"` ETag; otherwise the body's MD5. */
      etag?: string
    },
  ): Promise<StoredObject> {
    const stem = createHash('sha256').update(key).digest('hex')
    const dataFile = `${stem}-${randomBytes(4).toString('hex')}.bin`
    await writeFileAtomic(join(this.directory, dataFile), body)
    const record: StoredObject = {
      key,
      size: body.byteLength,
      etag: details.etag ?? `"${createHash('md5').update(body).digest('hex')}"`,
      contentType: details.contentType,
      metadata: details.metadata,
      lastModified: details.now.toISOString(),
      crc32: details.crc32,
      dataFile,
    }
    await writeFileAtomic(join(this.directory, `${stem}.json`), JSON.stringify(record))
    const previous = this.records.get(key)
    this.records.set(key, record)
    if (previous) await rm(join(this.directory, previous.dataFile), { force: true })
    return record
  }

  async delete(key: string): Promise<void> {
    const previous = this.records.get(key)
    if (!previous) return
    const stem = createHash('sha256').update(key).digest('hex')
    await rm(join(this.directory, `${stem}.json`), { force: true })
    this.records.delete(key)
    await rm(join(this.directory, previous.dataFile), { force: true })
  }
}
