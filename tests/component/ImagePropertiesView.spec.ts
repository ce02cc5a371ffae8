import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import ImagePropertiesView from '../../src/components/labels/ImagePropertiesView.vue'
import type { DominantColor, ImageProperties } from '../../src/lib/analysis'

function colour(simplifiedColor: string, cssColor: string, pixelPercent: number): DominantColor {
  return {
    red: 188,
    green: 143,
    blue: 143,
    hexCode: '#bc8f8f',
    cssColor,
    simplifiedColor,
    pixelPercent,
  }
}

function properties(colors: DominantColor[]): ImageProperties {
  return { quality: { brightness: 61.2, sharpness: 33.9, contrast: 47.5 }, dominantColors: colors }
}

describe('ImagePropertiesView', () => {
  it('names each swatch by its simple colour and tells apart shades with the CSS name', () => {
    const wrapper = mount(ImagePropertiesView, {
      props: {
        properties: properties([
          colour('brown', 'rosybrown', 20.4),
          colour('brown', 'sienna', 9.6),
        ]),
      },
    })
    const items = wrapper.findAll('li')
    expect(items).toHaveLength(2)
    expect(items[0]?.text()).toMatch(/brown\s+rosybrown\s*20 %/)
    expect(items[1]?.text()).toMatch(/brown\s+sienna\s*10 %/)
  })

  it('lists each colour name once and leaves out colours under 1 %', () => {
    const wrapper = mount(ImagePropertiesView, {
      props: {
        properties: properties([
          colour('black', 'black', 30),
          colour('black', 'black', 12),
          colour('white', 'white', 50),
          colour('black', 'black', 7),
          colour('green', 'green', 0.4),
        ]),
      },
    })
    const items = wrapper.findAll('li').map((item) => item.text().replace(/\s+/g, ' '))
    expect(items).toEqual(['white 50 %', 'black 49 %'])
  })

  it('shows brightness, sharpness and contrast rounded', () => {
    const wrapper = mount(ImagePropertiesView, { props: { properties: properties([]) } })
    expect(wrapper.get('dl').text()).toMatch(/Brightness\s*61.*Sharpness\s*34.*Contrast\s*48/s)
  })

  it('renders colour names as text, never as HTML', () => {
    const wrapper = mount(ImagePropertiesView, {
      props: { properties: properties([colour('<img src=x onerror=alert(1)>', 'red', 100)]) },
    })
    expect(wrapper.find('img').exists()).toBe(false)
    expect(wrapper.text()).toContain('<img src=x onerror=alert(1)>')
  })
})
