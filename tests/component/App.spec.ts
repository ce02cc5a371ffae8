import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import App from '../../src/App.vue'

function serveConfig(body: unknown, status = 200) {
  vi.stubGlobal(
    'fetch',
    vi.fn(() =>
      Promise.resolve(
        new Response(typeof body === 'string' ? body : JSON.stringify(body), { status }),
      ),
    ),
  )
}

// With a valid config the app warms up its lazy chunks after first paint (200 ms later where
// there is no requestIdleCallback, as in jsdom). Let those imports finish inside the test
// environment, or they land after teardown and fail the run.
async function settleLazyLoads() {
  await new Promise((resolve) => setTimeout(resolve, 300))
  await vi.dynamicImportSettled()
  await flushPromises()
}

/** The setup screen is a lazy component: it shows once its code has loaded. */
async function lazyComponentsShown() {
  await flushPromises()
  await vi.dynamicImportSettled()
  await flushPromises()
}

afterEach(async () => {
  await settleLazyLoads()
  vi.unstubAllGlobals()
})

describe('App shell', () => {
  it('labels on this device, and says so, when the site has no config.json at all', async () => {
    serveConfig('no config', 404)
    const wrapper = mount(App, { global: { plugins: [createPinia()] } })
    // The picker loads with the start notes, once config.json has answered.
    await lazyComponentsShown()
    expect(wrapper.get('[data-testid="device-only"]').text()).toContain(
      'photos are labelled on this device and stay on it',
    )
    expect(wrapper.find('[data-testid="photo-input"]').exists()).toBe(true)
    expect(wrapper.text()).not.toContain('npm run deploy')
  })

  it('shows the product name and how to set the app up when config.json cannot be read', async () => {
    serveConfig('server error', 500)
    const wrapper = mount(App, { global: { plugins: [createPinia()] } })
    await lazyComponentsShown()
    expect(wrapper.get('h1').text()).toBe('Image Labels')
    expect(wrapper.text()).toContain('npm ci && npm start')
    expect(wrapper.text()).toContain('npm run deploy')
    expect(wrapper.find('[data-testid="photo-input"]').exists()).toBe(false)
  })

  it('says config.json is damaged and lists what is wrong', async () => {
    serveConfig({ region: 'us-east-1' })
    const wrapper = mount(App, { global: { plugins: [createPinia()] } })
    await lazyComponentsShown()
    expect(wrapper.text()).toContain('incomplete or damaged')
    expect(wrapper.text()).toContain('identityPoolId')
  })

  it('invites the user to add a photo once the config is valid', async () => {
    serveConfig({
      region: 'us-east-1',
      identityPoolId: 'us-east-1:00000000-0000-4000-8000-000000000000',
      imagesBucket: 'image-labels-images',
      endpoint: 'http://127.0.0.1:9',
      uploadRetentionDays: 3,
    })
    const wrapper = mount(App, { global: { plugins: [createPinia()] } })
    await flushPromises()
    expect(wrapper.find('[data-testid="photo-input"]').exists()).toBe(true)
    expect(wrapper.text()).toContain('Choose a photo')
    // Settings opens a dialog: the button says so rather than expanding a panel.
    expect(wrapper.findAll('button[aria-haspopup="dialog"]').map((b) => b.text())).toContain(
      'Settings',
    )
    expect(wrapper.get('[data-testid="retention-note"]').text()).toContain(
      'deleted automatically 3 days after you add them',
    )
  })

  it('on the local endpoint, says photos stay on this machine and nothing expires', async () => {
    serveConfig({
      region: 'us-east-1',
      identityPoolId: 'us-east-1:00000000-0000-4000-8000-000000000000',
      imagesBucket: 'image-labels-images',
      endpoint: 'http://127.0.0.1:9',
      detector: 'local',
    })
    const wrapper = mount(App, { global: { plugins: [createPinia()] } })
    await flushPromises()
    const privacy = wrapper.get('[data-testid="privacy-note"]').text()
    expect(privacy).toContain('stay on this machine')
    expect(privacy).not.toContain('Rekognition')
    const note = wrapper.get('[data-testid="retention-note"]').text()
    expect(note).toContain('nothing expires locally')
    expect(note).toContain('.local-aws/')
  })

  it('on AWS, names Rekognition and the retention days', async () => {
    serveConfig({
      region: 'us-east-1',
      identityPoolId: 'us-east-1:00000000-0000-4000-8000-000000000000',
      imagesBucket: 'image-labels-images',
      uploadRetentionDays: 7,
    })
    const wrapper = mount(App, { global: { plugins: [createPinia()] } })
    await flushPromises()
    expect(wrapper.get('[data-testid="privacy-note"]').text()).toContain('Amazon Rekognition')
    expect(wrapper.get('[data-testid="retention-note"]').text()).toContain(
      'deleted automatically 7 days after you add them',
    )
  })
})
