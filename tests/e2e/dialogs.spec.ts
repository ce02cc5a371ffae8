// Every dialog with the keyboard alone: reached with Tab, opened with Enter, focus moved in and
// visible, Tab kept inside, Escape closing it, focus back on the opener. On a touch phone, focus
// never lands in a text field (the keyboard would cover the dialog). Screenshots of each dialog.
import { expect, test, type Locator, type Page } from '@playwright/test'
import { AppPage, photos } from './app-page'

interface Focus {
  /** The focused element's accessible-ish description, for failure messages. */
  what: string
  tag: string
  type: string | null
  /** The id of the open modal dialog's heading that contains focus, or null when outside. */
  inDialog: string | null
  visible: boolean
}

async function focus(page: Page): Promise<Focus> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null
    const dialog = element?.closest('dialog')
    return {
      what: element ? element.outerHTML.slice(0, 120) : 'nothing',
      tag: element?.tagName.toLowerCase() ?? '',
      type: element?.getAttribute('type') ?? null,
      inDialog: dialog?.matches(':modal') ? dialog.getAttribute('aria-labelledby') : null,
      visible: element?.matches(':focus-visible') ?? false,
    }
  })
}

/** Presses Tab until the target has focus, as a keyboard user would reach it. */
async function tabTo(page: Page, target: Locator, most = 60) {
  for (let presses = 0; presses < most; presses++) {
    if (await target.evaluate((element) => element === document.activeElement)) return
    await page.keyboard.press('Tab')
  }
  throw new Error(`${String(target)} not reached with ${most} Tabs`)
}

async function expectFocusOn(target: Locator) {
  await expect(target).toBeFocused()
  expect(await target.evaluate((element) => element.matches(':focus-visible'))).toBe(true)
}

/**
 * Tabs through the dialog, forwards and back: focus never reaches the page behind. Past the
 * dialog's last control the browser may move focus to its own UI (the native dialog's rule: the
 * document then has no focused element) before it comes back to the dialog's first control.
 */
async function expectTabStaysIn(page: Page, heading: string, presses = 24) {
  for (const key of ['Tab', 'Shift+Tab']) {
    let inside = 0
    for (let press = 0; press < presses; press++) {
      await page.keyboard.press(key)
      const now = await focus(page)
      if (now.inDialog === heading) inside++
      else expect(now.tag, `${key} ×${press + 1} left the dialog for ${now.what}`).toBe('body')
    }
    expect(inside).toBeGreaterThan(presses / 2)
  }
}

async function labelled(page: Page): Promise<AppPage> {
  const app = new AppPage(page)
  await app.open()
  await app.addPhoto(photos.cat)
  await app.waitForLabels()
  await expect(app.labelRow('Cat', app.objects)).toBeVisible()
  return app
}

test.describe('desktop, keyboard only', () => {
  test.use({ viewport: { width: 1280, height: 800 } })

  test('Settings, Export and the relabel dialog open, trap, close and give focus back', async ({
    page,
  }) => {
    const app = await labelled(page)

    // Settings: focus starts on its first field (a desktop has no on-screen keyboard).
    const settingsButton = page.getByRole('button', { name: 'Settings' })
    await tabTo(page, settingsButton)
    await page.keyboard.press('Enter')
    const settings = page.getByRole('dialog', { name: 'Detection settings' })
    await expect(settings).toBeVisible()
    await expectFocusOn(settings.getByLabel('Most labels'))
    await app.screenshot('dialog-settings-desktop')
    await expectTabStaysIn(page, 'settings-title')
    await page.keyboard.press('Escape')
    await expect(settings).toHaveCount(0)
    await expectFocusOn(settingsButton)
    // And with its own Close button.
    await page.keyboard.press('Enter')
    await expect(settings).toBeVisible()
    await tabTo(page, settings.getByRole('button', { name: 'Close' }))
    await page.keyboard.press('Enter')
    await expect(settings).toHaveCount(0)
    await expectFocusOn(settingsButton)

    // Export: a download keeps focus in the dialog, so Escape still closes it.
    const exportButton = page.getByTestId('export-photo')
    await tabTo(page, exportButton)
    await page.keyboard.press('Enter')
    const exporting = page.getByTestId('export-dialog')
    await expect(exporting).toBeVisible()
    await expectFocusOn(exporting.locator('input[data-format="annotated"]'))
    await app.screenshot('dialog-export-desktop')
    await expectTabStaysIn(page, 'export-title', 14)
    await tabTo(page, exporting.getByTestId('export-download'))
    const downloading = page.waitForEvent('download')
    await page.keyboard.press('Enter')
    const download = await downloading
    expect(download.suggestedFilename()).toBe('chelsea-labels.zip')
    await expect(exporting.getByTestId('export-result')).toContainText('Downloaded')
    expect((await focus(page)).inDialog).toBe('export-title')
    await page.keyboard.press('Escape')
    await expect(exporting).toHaveCount(0)
    await expectFocusOn(exportButton)

    // Relabel: select the Cat box from its row, then Relabel; Enter saves, focus comes back.
    await tabTo(page, app.labelRow('Cat', app.objects).locator('button'))
    await page.keyboard.press('Enter')
    const relabel = page.getByRole('button', { name: 'Relabel' })
    await tabTo(page, relabel)
    await page.keyboard.press('Enter')
    const naming = page.getByRole('dialog', { name: 'Change the box’s label' })
    await expect(naming).toBeVisible()
    const field = naming.getByRole('combobox', { name: 'Label' })
    await expectFocusOn(field)
    await app.screenshot('dialog-relabel-desktop')
    await expectTabStaysIn(page, 'box-label-title', 8)
    await page.keyboard.press('Escape')
    await expect(naming).toHaveCount(0)
    await expectFocusOn(relabel)
    await page.keyboard.press('Enter')
    await expectFocusOn(field)
    await page.keyboard.type('Kitten')
    await page.keyboard.press('Enter')
    await expect(naming).toHaveCount(0)
    await expect
      .poll(async () => (await app.boxes()).some((box) => box.label === 'Kitten'))
      .toBe(true)
    await expectFocusOn(relabel)
  })

  test('My photos, its delete confirmation and its export, nested', async ({ page }) => {
    const app = await labelled(page)
    const myPhotosButton = page.getByRole('button', { name: 'My photos' })
    await tabTo(page, myPhotosButton)
    await page.keyboard.press('Enter')
    const myPhotos = page.getByRole('dialog', { name: 'My photos' })
    await expect(myPhotos).toBeVisible()
    await expect(myPhotos.getByTestId('my-photos-item')).toHaveCount(1)
    const close = myPhotos.getByRole('button', { name: 'Close', exact: true })
    await expectFocusOn(close)
    // The photo's checkbox is labelled with visible text.
    await expect(myPhotos.getByRole('checkbox', { name: 'Select chelsea.png' })).toBeVisible()
    await expect(myPhotos.locator('label.card__select')).toBeVisible()
    await expect(myPhotos.locator('label.card__select')).toContainText('Select')
    await app.screenshot('dialog-my-photos-desktop')
    await expectTabStaysIn(page, 'my-photos-title', 12)
    await page.keyboard.press('Escape')
    await expect(myPhotos).toHaveCount(0)
    await expectFocusOn(myPhotosButton)

    // Close with its Close button, by keyboard.
    await page.keyboard.press('Enter')
    await expectFocusOn(close)
    await page.keyboard.press('Enter')
    await expect(myPhotos).toHaveCount(0)
    await expectFocusOn(myPhotosButton)

    // The delete confirmation: focus on Cancel, Escape closes it alone.
    await page.keyboard.press('Enter')
    const deleteButton = myPhotos.getByRole('button', { name: 'Delete chelsea.png' })
    await tabTo(page, deleteButton)
    await page.keyboard.press('Enter')
    const confirm = page.getByRole('alertdialog', { name: 'Delete “chelsea.png”?' })
    await expect(confirm).toBeVisible()
    await expectFocusOn(confirm.getByRole('button', { name: 'Cancel' }))
    await app.screenshot('dialog-delete-desktop')
    await expectTabStaysIn(page, 'confirm-title', 4)
    await page.keyboard.press('Escape')
    await expect(confirm).toHaveCount(0)
    await expect(myPhotos).toBeVisible()
    await expectFocusOn(deleteButton)

    // Export from My photos: a dialog over a dialog; Escape closes the top one only.
    const exportAll = myPhotos.getByTestId('my-photos-export')
    await tabTo(page, exportAll)
    await page.keyboard.press('Enter')
    const exporting = page.getByTestId('export-dialog')
    await expect(exporting).toBeVisible()
    await expectTabStaysIn(page, 'export-title', 12)
    await page.keyboard.press('Escape')
    await expect(exporting).toHaveCount(0)
    await expect(myPhotos).toBeVisible()
    await expectFocusOn(exportAll)
    await page.keyboard.press('Escape')
    await expect(myPhotos).toHaveCount(0)
    await expectFocusOn(myPhotosButton)
  })
})

test.describe('phone, touch', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true })

  test('dialogs open without focusing a text field, and close', async ({ page }) => {
    const app = await labelled(page)
    expect(await page.evaluate(() => matchMedia('(pointer: coarse)').matches)).toBe(true)

    await page.getByRole('button', { name: 'Settings' }).tap()
    const settings = page.getByRole('dialog', { name: 'Detection settings' })
    await expect(settings).toBeVisible()
    await expect(settings.getByLabel('Most labels')).toBeVisible()
    await expect(settings).toBeFocused()
    await app.screenshot('dialog-settings-phone')
    await settings.getByRole('button', { name: 'Close' }).tap()
    await expect(settings).toHaveCount(0)

    await page.getByTestId('export-photo').tap()
    const exporting = page.getByTestId('export-dialog')
    await expect(exporting).toBeVisible()
    await app.screenshot('dialog-export-phone')
    await exporting.getByRole('button', { name: 'Close', exact: true }).tap()
    await expect(exporting).toHaveCount(0)

    await app.labelRow('Cat', app.objects).locator('button').tap()
    await page.getByRole('button', { name: 'Relabel' }).tap()
    const naming = page.getByRole('dialog', { name: 'Change the box’s label' })
    await expect(naming).toBeVisible()
    const now = await focus(page)
    expect(now.inDialog).toBe('box-label-title')
    expect(now.tag, `focus on ${now.what}`).not.toBe('input')
    await app.screenshot('dialog-relabel-phone')
    await naming.getByRole('button', { name: 'Cancel' }).tap()
    await expect(naming).toHaveCount(0)

    await page.getByRole('button', { name: 'My photos' }).tap()
    const myPhotos = page.getByRole('dialog', { name: 'My photos' })
    await expect(myPhotos.getByTestId('my-photos-item')).toHaveCount(1)
    await app.screenshot('dialog-my-photos-phone')
    await myPhotos.getByRole('button', { name: 'Delete chelsea.png' }).tap()
    const confirm = page.getByRole('alertdialog', { name: 'Delete “chelsea.png”?' })
    await expect(confirm).toBeVisible()
    await app.screenshot('dialog-delete-phone')
    await confirm.getByRole('button', { name: 'Cancel' }).tap()
    await myPhotos.getByRole('button', { name: 'Close', exact: true }).tap()
    await expect(myPhotos).toHaveCount(0)
    // Nothing scrolls sideways after the dialogs.
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0)
  })
})
