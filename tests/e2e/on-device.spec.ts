// Detection on this device, in Chromium: the choice in Settings, labelling with the AWS endpoint
// unreachable, and the same answer as the local endpoint on the same prepared JPEG. Headless
// Chromium has no GPU, so the worker runs the WASM backend (a software GPU is never chosen).
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test, type Page, type Request } from '@playwright/test'
import { loadLabelDetector, type LabelDetector } from '../../local-aws/detector/index.ts'
import { DEVICE_MODEL_VERSION } from '../../src/lib/detection/device-model.ts'
import { AppPage, photos } from './app-page.ts'

const PHOTOS_DIR = 'tests/fixtures/photos'
const SETTINGS_KEY = 'image-labels:settings'

interface WireBox {
  Left: number
  Top: number
  Width: number
  Height: number
}
interface WireLabel {
  Name: string
  Confidence: number
  Instances: { BoundingBox: WireBox; Confidence: number }[]
}
interface Answer {
  LabelModelVersion?: string
  Labels?: WireLabel[]
}

async function endpointOrigin(page: Page): Promise<string> {
  const config = (await (await page.request.get('/config.json')).json()) as { endpoint: string }
  return new URL(config.endpoint).origin
}

/** Chooses On this device in Settings, as a user does. */
async function chooseOnDevice(page: Page) {
  await page.getByRole('button', { name: 'Settings' }).click()
  const settings = page.getByRole('dialog', { name: 'Detection settings' })
  const detection = settings.getByRole('group', { name: 'Detection' })
  await expect(detection.getByRole('radio', { name: 'Amazon Rekognition' })).toBeChecked()
  await detection.getByRole('radio', { name: 'On this device' }).check()
  await settings.getByRole('button', { name: 'Close' }).click()
}

function iou(a: WireBox, b: WireBox): number {
  const width = Math.min(a.Left + a.Width, b.Left + b.Width) - Math.max(a.Left, b.Left)
  const height = Math.min(a.Top + a.Height, b.Top + b.Height) - Math.max(a.Top, b.Top)
  if (width <= 0 || height <= 0) return 0
  const intersection = width * height
  return intersection / (a.Width * a.Height + b.Width * b.Height - intersection)
}

test('On this device labels a photo with every request to the AWS endpoint blocked', async ({
  page,
}) => {
  const app = new AppPage(page)
  await app.open()
  const origin = await endpointOrigin(page)
  const blocked: string[] = []
  await page.route(
    (url) => url.origin === origin,
    (route) => {
      blocked.push(route.request().url())
      return route.abort('connectionrefused')
    },
  )
  await chooseOnDevice(page)
  await app.addPhoto(photos.cat)
  await app.waitForLabels()
  await expect(app.labelRow('Cat')).toBeVisible()
  const boxes = await app.boxes()
  expect(boxes.filter((box) => box.label === 'Cat').length).toBeGreaterThan(0)
  await expect(page.getByTestId('kept-on-device')).toBeVisible()
  // Every request for the endpoint was turned away, so the labels came from this device.
  expect(blocked.length).toBeGreaterThan(0)

  // The choice is remembered.
  await page.reload()
  await page.getByRole('button', { name: 'Settings' }).click()
  await expect(page.getByRole('radio', { name: 'On this device' })).toBeChecked()
})

test.describe('the same answer as the local endpoint', () => {
  let detector: LabelDetector
  test.beforeAll(async () => {
    test.setTimeout(120_000)
    detector = await loadLabelDetector()
  })

  const files = readdirSync(PHOTOS_DIR).filter((name) => /\.(png|jpe?g)$/i.test(name))
  for (const file of files) {
    test(`on ${file}: same names, confidences within 1 point, boxes IoU ≥ 0.95`, async ({
      page,
    }) => {
      await page.addInitScript(
        ([key]) => localStorage.setItem(key ?? '', JSON.stringify({ detectionSource: 'device' })),
        [SETTINGS_KEY],
      )
      const puts: Request[] = []
      page.on('request', (request) => {
        if (request.method() === 'PUT') puts.push(request)
      })
      const app = new AppPage(page)
      await app.open()
      await app.addPhoto(join(PHOTOS_DIR, file))
      await app.waitForLabels()
      // The prepared JPEG as uploaded, and the document holding the device's answer as made.
      await expect.poll(() => puts.some((put) => put.url().includes('.analysis.json'))).toBe(true)
      const photoPut = puts.find((put) => /\/[0-9a-f]+\.jpg(\?|$)/.test(put.url()))
      const analysisPut = puts.find((put) => put.url().includes('.analysis.json'))
      const jpeg = photoPut?.postDataBuffer()
      const document = JSON.parse(analysisPut?.postData() ?? '{}') as {
        response?: Answer
        settings?: { maxLabels: number; minConfidence: number }
      }
      expect(jpeg?.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]))
      const device = document.response ?? {}
      expect(device.LabelModelVersion).toBe(DEVICE_MODEL_VERSION)

      const local = (await detector.detectLabels(new Uint8Array(jpeg ?? []), {
        MaxLabels: document.settings?.maxLabels,
        MinConfidence: document.settings?.minConfidence,
        Features: ['GENERAL_LABELS', 'IMAGE_PROPERTIES'],
      })) as Answer
      const deviceLabels = device.Labels ?? []
      const localLabels = local.Labels ?? []
      const report = deviceLabels.map((label) => {
        const twin = localLabels.find((other) => other.Name === label.Name)
        const ious = label.Instances.map((instance, index) => {
          const other = twin?.Instances[index]
          return other ? iou(instance.BoundingBox, other.BoundingBox) : 0
        })
        return {
          name: label.Name,
          device: label.Confidence,
          local: twin?.Confidence ?? null,
          instances: `${label.Instances.length}/${twin?.Instances.length ?? 0}`,
          minIou: ious.length > 0 ? Math.min(...ious) : null,
        }
      })
      console.log(`${file}: ${JSON.stringify(report)}`)
      expect(deviceLabels.map((label) => label.Name).sort()).toEqual(
        localLabels.map((label) => label.Name).sort(),
      )
      for (const label of deviceLabels) {
        const twin = localLabels.find((other) => other.Name === label.Name)
        expect(Math.abs(label.Confidence - (twin?.Confidence ?? -100))).toBeLessThanOrEqual(1)
        // Instances come sorted by confidence on both sides; each pairs with its twin.
        expect(label.Instances.length).toBe(twin?.Instances.length)
        label.Instances.forEach((instance, index) => {
          const other = twin?.Instances[index]
          expect(other && iou(instance.BoundingBox, other.BoundingBox)).toBeGreaterThanOrEqual(0.95)
        })
      }
    })
  }
})
