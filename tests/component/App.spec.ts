import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import App from '../../src/App.vue'

describe('App shell', () => {
  it('shows the product name as a heading and an invitation to add a photo', () => {
    const wrapper = mount(App, { global: { plugins: [createPinia()] } })
    expect(wrapper.get('h1').text()).toBe('Image Labels')
    expect(wrapper.text()).toContain('photo')
  })
})
