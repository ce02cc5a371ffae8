// What the endpoint remembers between runs: the pool and bucket names, the admin key pair,
// guest identities and the credentials issued to them. Kept in one JSON file in the data dir.
import { randomBytes, randomUUID } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { writeFileAtomic } from './atomic-file.ts'

export const localRegion = 'us-east-1'
export const guestCredentialLifetimeMs = 60 * 60 * 1000

export type Caller = { kind: 'admin' } | { kind: 'guest'; identityId: string }

export interface SigningCredential {
  accessKeyId: string
  secretAccessKey: string
  /** Only temporary (guest) credentials have one. */
  sessionToken?: string
  expiration?: Date
  caller: Caller
}

interface IssuedSession {
  identityId: string
  secretAccessKey: string
  sessionToken: string
  expiration: string
}

/** What DescribeIdentityPool shows and UpdateIdentityPool changes: a pause turns guests off. */
export interface GuestPoolSettings {
  name: string
  allowUnauthenticatedIdentities: boolean
}

const defaultGuestPool: GuestPoolSettings = {
  name: 'image-labels-local',
  allowUnauthenticatedIdentities: true,
}

interface PersistedState {
  version: 1
  identityPoolId: string
  /** Absent in data dirs from before pauses existed: guests allowed. */
  guestPool?: GuestPoolSettings
  imagesBucket: string
  admin: { accessKeyId: string; secretAccessKey: string }
  identities: Record<string, { createdAt: string }>
  sessions: Record<string, IssuedSession>
}

const keyAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

function accessKeyId(prefix: 'AKIA' | 'ASIA'): string {
  const bytes = randomBytes(16)
  return prefix + Array.from(bytes, (byte) => keyAlphabet[byte % keyAlphabet.length]).join('')
}

function secretKey(): string {
  return randomBytes(30).toString('base64')
}

function freshState(): PersistedState {
  return {
    version: 1,
    identityPoolId: `${localRegion}:${randomUUID()}`,
    imagesBucket: `image-labels-local-${randomBytes(4).toString('hex')}`,
    admin: { accessKeyId: accessKeyId('AKIA'), secretAccessKey: secretKey() },
    identities: {},
    sessions: {},
  }
}

export class LocalState {
  private saving: Promise<void> = Promise.resolve()

  private constructor(
    private readonly file: string,
    private readonly state: PersistedState,
  ) {}

  static async open(dataDir: string): Promise<LocalState> {
    const file = join(dataDir, 'state.json')
    let state: PersistedState
    try {
      state = JSON.parse(await readFile(file, 'utf8')) as PersistedState
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
      state = freshState()
    }
    const opened = new LocalState(file, state)
    await opened.save()
    return opened
  }

  get identityPoolId(): string {
    return this.state.identityPoolId
  }

  get imagesBucket(): string {
    return this.state.imagesBucket
  }

  get admin(): { accessKeyId: string; secretAccessKey: string } {
    return { ...this.state.admin }
  }

  get guestPool(): GuestPoolSettings {
    return { ...(this.state.guestPool ?? defaultGuestPool) }
  }

  async setGuestPool(settings: GuestPoolSettings): Promise<void> {
    this.state.guestPool = { ...settings }
    await this.save()
  }

  async createIdentity(now: Date): Promise<string> {
    const identityId = `${localRegion}:${randomUUID()}`
    this.state.identities[identityId] = { createdAt: now.toISOString() }
    await this.save()
    return identityId
  }

  hasIdentity(identityId: string): boolean {
    return Object.hasOwn(this.state.identities, identityId)
  }

  async issueCredentials(identityId: string, now: Date): Promise<Required<SigningCredential>> {
    for (const [key, session] of Object.entries(this.state.sessions)) {
      if (Date.parse(session.expiration) < now.getTime()) delete this.state.sessions[key]
    }
    const session: IssuedSession = {
      identityId,
      secretAccessKey: secretKey(),
      sessionToken: randomBytes(96).toString('base64'),
      expiration: new Date(now.getTime() + guestCredentialLifetimeMs).toISOString(),
    }
    const key = accessKeyId('ASIA')
    this.state.sessions[key] = session
    await this.save()
    return this.toCredential(key, session)
  }

  findCredential(key: string): SigningCredential | undefined {
    if (key === this.state.admin.accessKeyId) {
      return { ...this.state.admin, caller: { kind: 'admin' } }
    }
    const session = Object.hasOwn(this.state.sessions, key) ? this.state.sessions[key] : undefined
    return session ? this.toCredential(key, session) : undefined
  }

  private toCredential(key: string, session: IssuedSession): Required<SigningCredential> {
    return {
      accessKeyId: key,
      secretAccessKey: session.secretAccessKey,
      sessionToken: session.sessionToken,
      expiration: new Date(session.expiration),
      caller: { kind: 'guest', identityId: session.identityId },
    }
  }

  /** Saves are chained so that two overlapping requests cannot interleave their renames. */
  private save(): Promise<void> {
    const snapshot = JSON.stringify(this.state, null, 2)
    this.saving = this.saving
      .catch(() => undefined)
      .then(() => writeFileAtomic(this.file, snapshot))
    return this.saving
  }
}
