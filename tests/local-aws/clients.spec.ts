// Every AWS CLI and boto3 found on this machine (Debian's, and a newer one on PATH such as the
// pyenv AWS CLI v1 with botocore 1.4x, which sends CRC32 trailers by default) doing what their
// users do: small and multipart `aws s3 cp`, `s3 ls`, `s3 rm`, the s3api calls, DetectLabels on
// bytes, Cognito GetId; boto3 transfers, checksums, presigned URLs and paging (fake detector:
// the endpoint's wire behaviour is what is tested).
import { execFile, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import { delimiter, join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fakeDetector, startTestEndpoint, type TestEndpoint } from './helpers.ts'

const run = promisify(execFile)
const bigBytes = 12 * 1024 * 1024
const catPhoto = resolve('tests/fixtures/photos/chelsea.png')

/** `name` wherever PATH has it, Debian's /usr/bin copy first. */
function installed(name: string): string[] {
  const found = [`/usr/bin/${name}`]
  for (const directory of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(directory, name)
    if (directory !== '/usr/bin' && directory !== '/bin' && existsSync(candidate)) {
      found.push(candidate)
    }
  }
  return [...new Set(found)].filter((path) => existsSync(path)).slice(0, 2)
}

/** A bare Python (a pyenv without boto3) has nothing to test; Debian's always has boto3. */
function hasBoto3(python: string): boolean {
  return python === '/usr/bin/python3' || spawnSync(python, ['-c', 'import boto3']).status === 0
}

describe('real AWS CLIs and boto3 against the endpoint (fake detector)', () => {
  let endpoint: TestEndpoint
  const detector = fakeDetector()
  let bucket: string
  let env: NodeJS.ProcessEnv
  let bigFile: string
  let smallFile: string

  beforeAll(async () => {
    endpoint = await startTestEndpoint({ detector })
    bucket = endpoint.aws.config.imagesBucket
    env = {
      ...Object.fromEntries(
        Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_')),
      ),
      AWS_SHARED_CREDENTIALS_FILE: join(endpoint.dataDir, 'credentials'),
      AWS_CONFIG_FILE: join(endpoint.dataDir, 'aws-config'),
      AWS_PROFILE: 'local',
      AWS_PAGER: '',
    }
    bigFile = join(endpoint.dataDir, 'big.bin')
    smallFile = join(endpoint.dataDir, 'small.bin')
    await writeFile(bigFile, randomBytes(bigBytes))
    await writeFile(smallFile, randomBytes(3000))
  })
  afterAll(() => endpoint.stop())

  describe.each(installed('aws'))('%s', (cli) => {
    const aws = async (...args: string[]): Promise<string> =>
      (
        await run(cli, ['--endpoint-url', endpoint.aws.endpoint, ...args, ...quiet(args)], {
          env,
          maxBuffer: 16 * 1024 * 1024,
        })
      ).stdout
    // Transfers print progress lines unless told not to.
    const quiet = (args: string[]): string[] =>
      args[0] === 's3' && ['cp', 'rm'].includes(args[1] ?? '') ? ['--only-show-errors'] : []
    const prefix = (): string => `s3://${bucket}/${cli.replace(/\W+/g, '_')}`

    it('copies small and multipart (12 MB) files both ways, lists and removes them', async () => {
      await aws('s3', 'cp', smallFile, `${prefix()}/small.bin`)
      await aws('s3', 'cp', bigFile, `${prefix()}/big.bin`)
      const listing = await aws('s3', 'ls', `${prefix()}/`)
      expect(listing).toMatch(/\s3000 small\.bin/)
      expect(listing).toMatch(new RegExp(`\\s${bigBytes} big\\.bin`))
      for (const name of ['small.bin', 'big.bin']) {
        const copy = join(endpoint.dataDir, `${name}.copy`)
        await aws('s3', 'cp', `${prefix()}/${name}`, copy)
        const original = await readFile(name === 'big.bin' ? bigFile : smallFile)
        expect((await readFile(copy)).equals(original)).toBe(true)
      }
      expect(endpoint.logs.some((line) => line.startsWith('POST CompleteMultipartUpload'))).toBe(
        true,
      )
      await aws('s3', 'rm', `${prefix()}/small.bin`)
      expect(await aws('s3', 'ls', `${prefix()}/`)).not.toContain('small.bin')
    })

    it('moves small and multipart objects between keys (CopyObject, UploadPartCopy)', async () => {
      await aws('s3', 'cp', smallFile, `${prefix()}/mv/small.bin`)
      await aws('s3', 'cp', bigFile, `${prefix()}/mv/big.bin`)
      await aws('s3', 'mv', `${prefix()}/mv/small.bin`, `${prefix()}/moved/small.bin`)
      await aws('s3', 'mv', `${prefix()}/mv/big.bin`, `${prefix()}/moved/big.bin`)
      expect(await aws('s3', 'ls', `${prefix()}/mv/`).catch(() => '')).toBe('')
      for (const name of ['small.bin', 'big.bin']) {
        const copy = join(endpoint.dataDir, `moved-${name}`)
        await aws('s3', 'cp', `${prefix()}/moved/${name}`, copy)
        const original = await readFile(name === 'big.bin' ? bigFile : smallFile)
        expect((await readFile(copy)).equals(original)).toBe(true)
      }
      expect(endpoint.logs.some((line) => line.startsWith('PUT UploadPart'))).toBe(true)
    })

    it('makes presigned URLs that fetch the object (SigV2 from CLI v1, SigV4 from v2)', async () => {
      await aws('s3', 'cp', smallFile, `${prefix()}/shared file+1.bin`)
      const url = (
        await aws('s3', 'presign', `${prefix()}/shared file+1.bin`, '--expires-in', '60')
      ).trim()
      const response = await fetch(url)
      expect(response.status).toBe(200)
      expect(Buffer.from(await response.arrayBuffer()).equals(await readFile(smallFile))).toBe(true)
      expect((await fetch(url, { method: 'DELETE' })).status).toBe(403)
    })

    it('runs the s3api object calls', async () => {
      const key = `${prefix().slice(`s3://${bucket}/`.length)}/api.png`
      const put = JSON.parse(
        await aws(
          's3api',
          'put-object',
          '--bucket',
          bucket,
          '--key',
          key,
          '--body',
          catPhoto,
          '--content-type',
          'image/png',
        ),
      ) as { ETag: string }
      expect(put.ETag).toMatch(/^"[0-9a-f]{32}"$/)
      const head = JSON.parse(
        await aws('s3api', 'head-object', '--bucket', bucket, '--key', key),
      ) as { ContentLength: number; ContentType: string; ETag: string }
      const size = (await readFile(catPhoto)).length
      expect([head.ContentLength, head.ContentType, head.ETag]).toEqual([
        size,
        'image/png',
        put.ETag,
      ])
      const copy = join(endpoint.dataDir, 'api.png')
      await aws(
        's3api',
        'get-object',
        '--bucket',
        bucket,
        '--key',
        key,
        '--checksum-mode',
        'ENABLED',
        copy,
      )
      expect((await readFile(copy)).equals(await readFile(catPhoto))).toBe(true)
      const listed = JSON.parse(
        await aws('s3api', 'list-objects-v2', '--bucket', bucket, '--prefix', key),
      ) as { Contents: { Key: string; Size: number }[] }
      expect(listed.Contents.map((entry) => [entry.Key, entry.Size])).toEqual([[key, size]])
      const v1 = JSON.parse(
        await aws('s3api', 'list-objects', '--bucket', bucket, '--prefix', key),
      ) as { Contents: { Key: string }[] }
      expect(v1.Contents.map((entry) => entry.Key)).toEqual([key])
      const tags = JSON.parse(
        await aws('s3api', 'get-object-tagging', '--bucket', bucket, '--key', key),
      ) as { TagSet: unknown[] }
      expect(tags.TagSet).toEqual([])
      const tagging = aws(
        's3api',
        'put-object-tagging',
        '--bucket',
        bucket,
        '--key',
        key,
        '--tagging',
        'TagSet=[{Key=a,Value=b}]',
      )
      await expect(tagging).rejects.toThrow(/NotImplemented/)
      const after = JSON.parse(
        await aws('s3api', 'head-object', '--bucket', bucket, '--key', key),
      ) as {
        ETag: string
      }
      expect(after.ETag).toBe(put.ETag)
      const missing = aws('s3api', 'head-object', '--bucket', bucket, '--key', `${key}.missing`)
      await expect(missing).rejects.toThrow(/404/)
      const deleted = JSON.parse(
        await aws(
          's3api',
          'delete-objects',
          '--bucket',
          bucket,
          '--delete',
          `Objects=[{Key=${key}}]`,
        ),
      ) as { Deleted: { Key: string }[] }
      expect(deleted.Deleted.map((entry) => entry.Key)).toEqual([key])
      const gone = aws('s3api', 'head-object', '--bucket', bucket, '--key', key)
      await expect(gone).rejects.toThrow(/404/)
    })

    it('labels image bytes and gets a Cognito identity', async () => {
      const labels = JSON.parse(
        await aws(
          'rekognition',
          'detect-labels',
          '--image-bytes',
          `fileb://${catPhoto}`,
          '--max-labels',
          '3',
        ),
      ) as { Labels: { Name: string }[] }
      expect(labels.Labels[0]?.Name).toBe('FakeLabel')
      expect(detector.calls.at(-1)).toMatchObject({ MaxLabels: 3 })
      const identity = JSON.parse(
        await aws(
          'cognito-identity',
          'get-id',
          '--identity-pool-id',
          endpoint.aws.config.identityPoolId,
        ),
      ) as { IdentityId: string }
      expect(identity.IdentityId).toMatch(/^us-east-1:[0-9a-f-]{36}$/)
      const wrongPool = aws(
        'cognito-identity',
        'get-id',
        '--identity-pool-id',
        'us-east-1:00000000-0000-0000-0000-000000000000',
      )
      await expect(wrongPool).rejects.toThrow(/ResourceNotFoundException/)
    })
  })

  describe.each(installed('python3').filter(hasBoto3))('boto3 in %s', (python) => {
    it('transfers, checks digests, presigns and pages', async () => {
      const prefix = python.replace(/\W+/g, '_')
      const { stdout } = await run(
        python,
        [
          resolve('tests/local-aws/boto3-client-checks.py'),
          endpoint.aws.endpoint,
          bucket,
          bigFile,
          endpoint.dataDir,
          prefix,
        ],
        { env },
      )
      const report = JSON.parse(stdout) as {
        bigRoundTrip: boolean
        bigETag: string
        checksums: Record<string, { echoed: string; readBack: boolean } | string>
        badDigest: string
        presignedGet: string
        presignedPut: string
        presignedWrongMethod: number
        pages: string[][]
        resourceKeys: string[]
      }
      expect(report.bigRoundTrip).toBe(true)
      expect(report.bigETag).toMatch(/^"[0-9a-f]{32}-2"$/)
      for (const algorithm of ['SHA256', 'SHA1', 'CRC32']) {
        expect(report.checksums[algorithm]).toMatchObject({ readBack: true })
      }
      expect(report.badDigest).toBe('BadDigest')
      expect(report.presignedGet).toBe('checked with SHA256')
      expect(report.presignedPut).toBe('put by URL')
      expect(report.presignedWrongMethod).toBe(403)
      const written = ['big.bin', 'presigned', 'SHA1', 'SHA256', 'CRC32']
      const keys = report.pages.flat()
      for (const name of written) expect(keys).toContain(`${prefix}/${name}`)
      expect(keys).toEqual([...new Set(keys)].sort())
      expect(report.pages.slice(0, -1).every((page) => page.length === 2)).toBe(true)
      expect(report.resourceKeys).toEqual(keys)
    })
  })
})
