// Photos arrive by paste and by drag and drop, not only through the file picker.
import { readFileSync } from 'node:fs'
import { expect, test, type Page } from '@playwright/test'
import { AppPage, photos } from './app-page'

test.use({ viewport: { width: 1280, height: 800 } })

/** Dispatches a real ClipboardEvent or DragEvent carrying the photo as a File. */
async function deliver(page: Page, how: 'paste' | 'drop', name: string, path: string) {
  await page.evaluate(
    ({ how, name, base64 }) => {
      const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0))
      const transfer = new DataTransfer()
      transfer.items.add(new File([bytes], name, { type: 'image/png' }))
      if (how === 'paste') {
        document.dispatchEvent(
          new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true }),
        )
        return
      }
      for (const type of ['dragenter', 'dragover', 'drop']) {
        document.body.dispatchEvent(
          new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }),
        )
      }
    },
    { how, name, base64: readFileSync(path).toString('base64') },
  )
}

test('a pasted photo is labelled, and so is a dropped one', async ({ page }) => {
  const app = new AppPage(page)
  await app.open()
  await deliver(page, 'paste', 'pasted.png', photos.cat)
  await app.waitForLabels()
  await expect(app.labelRow('Cat', app.objects)).toBeVisible()
  await expect(page.getByTestId('sheet')).toContainText('pasted.png')

  await deliver(page, 'drop', 'dropped.png', photos.cup)
  await expect(page.getByTestId('sheet')).toContainText('dropped.png')
  await app.waitForLabels()
  await expect(app.labelRow('Cat')).toHaveCount(0)
  await expect(page.getByTestId('label-row').first()).toBeVisible()
})
