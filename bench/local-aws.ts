// `npm run bench:local-aws`: DetectLabels latency through the local endpoint with the real
// detector and the SDK v3 (sequential, then 4 concurrent clients), peak memory, and how many of
// 16 simultaneous requests are throttled. Budget: p50 ≤ 500 ms.
import { randomUUID } from 'node:crypto'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DetectLabelsCommand, RekognitionClient } from '@aws-sdk/client-rekognition'
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { fromCognitoIdentityPool } from '@aws-sdk/credential-provider-cognito-identity'
import { loadRealDetector } from '../local-aws/label-detector.ts'
import { startLocalAws } from '../local-aws/server.ts'

const budgetP50Ms = 500
const photos = ['chelsea.png', 'coffee.png', 'grace_hopper.jpg', 'camera.png', 'rocket.jpg']
const sequentialRuns = 20
const concurrentClients = 4
const runsPerClient = 8

function percentile(samples: number[], fraction: number): number {
  const sorted = [...samples].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? NaN
}

const dataDir = await mkdtemp(join(tmpdir(), 'bench-local-aws-'))
const loadStarted = performance.now()
// Loaded here rather than inside the endpoint, so the bench can also time it alone.
const detector = await loadRealDetector()
const startupMs = performance.now() - loadStarted
const localAws = await startLocalAws({ dataDir, detector, log: () => undefined })
try {
  const { region, endpoint, identityPoolId, imagesBucket } = localAws.config
  // One guest, resolved once: every client signs with the same temporary credentials.
  const credentials = await fromCognitoIdentityPool({
    identityPoolId,
    userIdentifier: randomUUID(),
    clientConfig: { region, endpoint },
  })()
  const { identityId } = credentials
  const s3 = new S3Client({ region, endpoint, forcePathStyle: true, credentials })
  const keys: string[] = []
  const images: Buffer[] = []
  for (const photo of photos) {
    const key = `u/${identityId}/${photo}`
    const body = await readFile(`tests/fixtures/photos/${photo}`)
    images.push(body)
    await s3.send(new PutObjectCommand({ Bucket: imagesBucket, Key: key, Body: body }))
    keys.push(key)
  }
  const client = (maxAttempts = 3) =>
    new RekognitionClient({ region, endpoint, credentials, maxAttempts })
  const detect = async (rekognition: RekognitionClient, index: number): Promise<number> => {
    const started = performance.now()
    await rekognition.send(
      new DetectLabelsCommand({
        Image: { S3Object: { Bucket: imagesBucket, Name: keys[index % keys.length] } },
      }),
    )
    return performance.now() - started
  }

  const sequentialClient = client()
  await detect(sequentialClient, 0)
  const sequential: number[] = []
  for (let run = 0; run < sequentialRuns; run++)
    sequential.push(await detect(sequentialClient, run))

  // The detector called directly: what the endpoint adds is the difference.
  const direct: number[] = []
  for (let run = 0; run < sequentialRuns; run++) {
    const started = performance.now()
    await detector.detectLabels(images[run % images.length]!, {})
    direct.push(performance.now() - started)
  }

  const concurrent: number[] = []
  await Promise.all(
    Array.from({ length: concurrentClients }, async (_, clientIndex) => {
      const rekognition = client()
      for (let run = 0; run < runsPerClient; run++) {
        concurrent.push(await detect(rekognition, clientIndex + run))
      }
    }),
  )

  const burst = await Promise.all(
    Array.from({ length: 16 }, async (_, index) => {
      try {
        await detect(client(1), index)
        return 'served'
      } catch (error) {
        return error instanceof Error ? error.name : 'error'
      }
    }),
  )
  const throttled = burst.filter((result) => result === 'ThrottlingException').length
  const failed = burst.filter((result) => result !== 'served' && result !== 'ThrottlingException')

  const peakRssMb = process.resourceUsage().maxRSS / 1024
  const rows: [string, string][] = [
    ['detector load + warm-up', `${startupMs.toFixed(0)} ms`],
    [`sequential p50 (${sequentialRuns} runs)`, `${percentile(sequential, 0.5).toFixed(0)} ms`],
    ['sequential p95', `${percentile(sequential, 0.95).toFixed(0)} ms`],
    ['detector alone p50 (no HTTP, SigV4, S3)', `${percentile(direct, 0.5).toFixed(0)} ms`],
    [
      `${concurrentClients} concurrent clients p50 (${concurrent.length} runs)`,
      `${percentile(concurrent, 0.5).toFixed(0)} ms`,
    ],
    [
      `${concurrentClients} concurrent clients p95`,
      `${percentile(concurrent, 0.95).toFixed(0)} ms`,
    ],
    ['16 at once: served / throttled', `${16 - throttled - failed.length} / ${throttled}`],
    ['peak RSS (endpoint, detector and clients)', `${peakRssMb.toFixed(0)} MB`],
  ]
  const width = Math.max(...rows.map(([name]) => name.length))
  console.log(`\nLocal AWS DetectLabels (${photos.length} photos via S3Object)\n`)
  for (const [name, value] of rows) console.log(`  ${name.padEnd(width)}  ${value}`)
  const p50 = percentile(sequential, 0.5)
  const withinBudget = p50 <= budgetP50Ms && failed.length === 0
  console.log(
    `\n  budget p50 ≤ ${budgetP50Ms} ms: ${withinBudget ? 'met' : 'MISSED'}` +
      (failed.length ? ` (unexpected errors: ${failed.join(', ')})` : ''),
  )
  await mkdir('bench-results', { recursive: true })
  await writeFile(
    'bench-results/local-aws.json',
    JSON.stringify({ startupMs, sequential, direct, concurrent, throttled, peakRssMb }, null, 2),
  )
  if (!withinBudget) process.exitCode = 1
} finally {
  await localAws.close()
  await rm(dataDir, { recursive: true, force: true })
}
