// Multipart uploads, as the AWS CLI and s3transfer use them for files over 8 MB: each part is
// kept on disk under its upload until CompleteMultipartUpload joins them into one object (within
// the endpoint's object size limit) or AbortMultipartUpload drops them.
import { createHash, randomBytes } from 'node:crypto'
import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { writeFileAtomic } from '../atomic-file.ts'
import { AwsError } from '../errors.ts'

export const minPartBytes = 5 * 1024 * 1024
export const maxPartNumber = 10_000

export interface UploadDetails {
  key: string
  contentType: string
  metadata: Record<string, string>
  checksumAlgorithm?: string
}

export interface CompletedPart {
  partNumber: number
  etag: string
}

export interface JoinedUpload {
  details: UploadDetails
  body: Buffer
  /** `"md5-of-part-md5s-N"`, as S3 names multipart objects. */
  etag: string
}

function noSuchUpload(): AwsError {
  return new AwsError(
    'NoSuchUpload',
    404,
    'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
  )
}

function md5Hex(data: Uint8Array): string {
  return createHash('md5').update(data).digest('hex')
}

export class MultipartUploads {
  private constructor(private readonly directory: string) {}

  static async open(directory: string): Promise<MultipartUploads> {
    await mkdir(directory, { recursive: true })
    return new MultipartUploads(directory)
  }

  /** Upload ids are ours (hex), so a forged one can never name a path outside the directory. */
  private uploadDir(uploadId: string): string {
    if (!/^[0-9a-f]{32}$/.test(uploadId)) throw noSuchUpload()
    return join(this.directory, uploadId)
  }

  private async details(uploadId: string, key: string): Promise<UploadDetails> {
    let details: UploadDetails
    try {
      details = JSON.parse(
        await readFile(join(this.uploadDir(uploadId), 'upload.json'), 'utf8'),
      ) as UploadDetails
    } catch (error) {
      if (error instanceof AwsError) throw error
      throw noSuchUpload()
    }
    if (details.key !== key) throw noSuchUpload()
    return details
  }

  async create(details: UploadDetails): Promise<string> {
    const uploadId = randomBytes(16).toString('hex')
    await writeFileAtomic(join(this.uploadDir(uploadId), 'upload.json'), JSON.stringify(details))
    return uploadId
  }

  /** Stores one part; parts past `maxUploadBytes` in all are refused, so disk use stays bounded. */
  async putPart(
    uploadId: string,
    key: string,
    partNumber: number,
    body: Buffer,
    maxUploadBytes: number,
  ): Promise<string> {
    await this.details(uploadId, key)
    const directory = this.uploadDir(uploadId)
    let stored = 0
    for (const name of await readdir(directory)) {
      if (/^\d+\.part$/.test(name) && name !== `${partNumber}.part`) {
        stored += (await stat(join(directory, name))).size
      }
    }
    if (stored + body.length > maxUploadBytes) {
      throw new AwsError(
        'EntityTooLarge',
        400,
        'Your proposed upload exceeds the maximum allowed size',
      )
    }
    await writeFileAtomic(join(this.uploadDir(uploadId), `${partNumber}.part`), body)
    return `"${md5Hex(body)}"`
  }

  async listParts(
    uploadId: string,
    key: string,
  ): Promise<{ partNumber: number; etag: string; size: number }[]> {
    await this.details(uploadId, key)
    const directory = this.uploadDir(uploadId)
    const numbers = (await readdir(directory))
      .filter((name) => /^\d+\.part$/.test(name))
      .map((name) => Number.parseInt(name, 10))
      .sort((a, b) => a - b)
    const parts = []
    for (const partNumber of numbers) {
      const data = await readFile(join(directory, `${partNumber}.part`))
      parts.push({ partNumber, etag: `"${md5Hex(data)}"`, size: data.length })
    }
    return parts
  }

  /** Joins the named parts, checking order, ETags and sizes as S3 does. */
  async join(
    uploadId: string,
    key: string,
    parts: CompletedPart[],
    maxObjectBytes: number,
  ): Promise<JoinedUpload> {
    const details = await this.details(uploadId, key)
    const directory = this.uploadDir(uploadId)
    const datas: Buffer[] = []
    let total = 0
    for (const [index, part] of parts.entries()) {
      if (index > 0 && part.partNumber <= parts[index - 1]!.partNumber) {
        throw new AwsError(
          'InvalidPartOrder',
          400,
          'The list of parts was not in ascending order. Parts must be ordered by part number.',
        )
      }
      const invalidPart = new AwsError(
        'InvalidPart',
        400,
        "One or more of the specified parts could not be found. The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.",
        { UploadId: uploadId, PartNumber: String(part.partNumber), ETag: part.etag },
      )
      let data: Buffer
      try {
        data = await readFile(join(directory, `${part.partNumber}.part`))
      } catch {
        throw invalidPart
      }
      if (md5Hex(data) !== part.etag) throw invalidPart
      total += data.length
      if (total > maxObjectBytes) {
        throw new AwsError(
          'EntityTooLarge',
          400,
          'Your proposed upload exceeds the maximum allowed size',
        )
      }
      datas.push(data)
    }
    for (const [index, data] of datas.entries()) {
      if (index < datas.length - 1 && data.length < minPartBytes) {
        throw new AwsError(
          'EntityTooSmall',
          400,
          'Your proposed upload is smaller than the minimum allowed object size.',
          {
            ProposedSize: String(data.length),
            MinSizeAllowed: String(minPartBytes),
            PartNumber: String(parts[index]!.partNumber),
          },
        )
      }
    }
    const digests = Buffer.concat(datas.map((data) => createHash('md5').update(data).digest()))
    return {
      details,
      body: Buffer.concat(datas),
      etag: `"${md5Hex(digests)}-${datas.length}"`,
    }
  }

  async remove(uploadId: string, key: string): Promise<void> {
    await this.details(uploadId, key)
    await rm(this.uploadDir(uploadId), { recursive: true, force: true })
  }
}
