// @vitest-environment jsdom
// jsdom supplies DOMParser: an XML reader that is none of our code.
import { describe, expect, it } from 'vitest'
import { toVocXml } from '../../../src/lib/export'
import { escapeXml } from '../../../src/lib/export/voc'
import { formulaPhoto, streetPhoto, TRICKY_LABEL } from './fixtures'

/** Reads VOC with a real XML parser; a malformed file makes it throw. */
function readVoc(xml: string) {
  const doc = new DOMParser().parseFromString(xml, 'application/xml')
  if (doc.getElementsByTagName('parsererror').length > 0) throw new Error('malformed XML')
  const text = (parent: Element | Document, tag: string) =>
    parent.getElementsByTagName(tag)[0]?.textContent ?? ''
  const number = (parent: Element, tag: string) => Number(text(parent, tag))
  return {
    filename: text(doc, 'filename'),
    width: Number(text(doc, 'width')),
    height: Number(text(doc, 'height')),
    objects: [...doc.getElementsByTagName('object')].map((object) => ({
      name: text(object, 'name'),
      truncated: number(object, 'truncated'),
      box: [
        number(object, 'xmin'),
        number(object, 'ymin'),
        number(object, 'xmax'),
        number(object, 'ymax'),
      ],
    })),
  }
}

describe('toVocXml', () => {
  it('writes 1-based inclusive pixel boxes worked out by hand, with names escaped', () => {
    const voc = readVoc(toVocXml(streetPhoto()))
    expect(voc.filename).toBe('street.jpg')
    expect([voc.width, voc.height]).toEqual([640, 480])
    expect(voc.objects).toEqual([
      { name: 'Dog', truncated: 0, box: [65, 97, 224, 336] },
      { name: 'Car', truncated: 1, box: [481, 241, 640, 480] },
      { name: 'Person', truncated: 1, box: [1, 1, 128, 192] },
      { name: TRICKY_LABEL, truncated: 0, box: [321, 49, 384, 96] },
    ])
  })

  it('round-trips a box over the whole image to 1…width and 1…height', () => {
    const voc = readVoc(toVocXml(formulaPhoto()))
    expect(voc.objects).toEqual([{ name: 'Car', truncated: 1, box: [1, 1, 100, 50] }])
  })

  it('escapes file names too, and drops characters XML cannot hold', () => {
    const photo = { ...formulaPhoto(), fileName: 'a&b<c>\u0001.jpg' }
    expect(readVoc(toVocXml(photo)).filename).toBe('a&b<c>.jpg')
  })

  it('drops a box that rounds to no whole pixel', () => {
    const photo = formulaPhoto()
    const first = photo.state.analysis.boxes[0]
    if (!first) throw new Error('fixture has a box')
    first.box = { left: 0.5, top: 0.5, width: 0.001, height: 0.5 }
    expect(readVoc(toVocXml(photo)).objects).toEqual([])
  })
})

describe('escapeXml', () => {
  it('escapes the five special characters', () => {
    expect(escapeXml(`<a href="x">&'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;',
    )
  })
})
