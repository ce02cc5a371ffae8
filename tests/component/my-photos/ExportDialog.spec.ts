// The export dialog on documents held in memory (the open photo's case): the chosen formats,
// only visible boxes above the editor's threshold, and the zip's contents read back with fflate.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { strFromU8, unzipSync } from 'fflate'
import ExportDialog from '../../../src/components/export/ExportDialog.vue'
import { createDocument, type AnalysisDocument } from '../../../src/lib/analysis-document'
import type { LabelBox } from '../../../src/lib/analysis'

const box = (id: string, label: string, confidence: number, left: number): LabelBox => ({
  id,
  label,
  confidence,
  box: { left, top: 0.2, width: 0.5, height: 0.5 },
  source: 'detected',
  edited: false,
  dominantColors: [],
})

function sampleDocument(): AnalysisDocument {
  const created = createDocument({
    photo: {
      key: 'u/g/ab.jpg',
      width: 200,
      height: 100,
      originalName: 'Cat photo.jpg',
      addedAt: '2026-01-01T00:00:00.000Z',
    },
    settings: {
      maxLabels: 10,
      minConfidence: 30,
      imageProperties: false,
      includeCategories: [],
      excludeCategories: [],
    },
    response: { Labels: [] },
    analysis: {
      labels: [
        { name: 'Cat', confidence: 90, parents: [], aliases: [], categories: [] },
        { name: 'Dog', confidence: 80, parents: [], aliases: [], categories: [] },
      ],
      // Cat visible; Dog switched off; a faint Cat under the editor's 50 % threshold.
      boxes: [box('b1', 'Cat', 90, 0.1), box('b2', 'Dog', 80, 0.3), box('b3', 'Cat', 40, 0.4)],
      imageProperties: null,
      labelModelVersion: '3.0',
    },
    savedAt: '2026-01-01T00:00:00.000Z',
  })
  return { ...created, state: { ...created.state, hiddenLabels: ['Dog'] } }
}

let downloads: Blob[] = []

function mountDialog(threshold: number | null = 50) {
  const pinia = createPinia()
  setActivePinia(pinia)
  const source = { photoKey: 'u/g/ab.jpg', document: sampleDocument() }
  return mount(ExportDialog, {
    props: {
      sources: [threshold === null ? source : { ...source, threshold }],
      scope: 'this photo',
    },
    global: { plugins: [pinia] },
    attachTo: document.body,
  })
}

describe('ExportDialog', () => {
  beforeEach(() => {
    downloads = []
    URL.createObjectURL = vi.fn((blob: Blob) => {
      downloads.push(blob)
      return 'blob:export'
    })
    URL.revokeObjectURL = vi.fn()
    // jsdom cannot navigate to a download; the blob handed to the link is what matters.
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined)
  })
  afterEach(() => {
    vi.restoreAllMocks()
    document.body.innerHTML = ''
  })

  it('offers every format, and disables the image type without the annotated image', async () => {
    const wrapper = mountDialog()
    const formats = wrapper
      .findAll('input[type="checkbox"]')
      .map((input) => input.attributes('data-format'))
    expect(formats).toEqual(['annotated', 'rekognition', 'coco', 'voc', 'yolo', 'csv'])
    expect(wrapper.get('h2').text()).toBe('Export this photo')
    await wrapper.get('input[data-format="annotated"]').setValue(false)
    expect(wrapper.get('.export__image-type').attributes('disabled')).toBeDefined()
    for (const format of formats)
      await wrapper.get(`input[data-format="${format}"]`).setValue(false)
    expect(wrapper.get('[data-testid="export-download"]').attributes('disabled')).toBeDefined()
  })

  it('downloads one zip with visible boxes only, in pixels for COCO, VOC and CSV', async () => {
    const wrapper = mountDialog()
    await wrapper.get('input[data-format="annotated"]').setValue(false)
    await wrapper.get('[data-testid="export-download"]').trigger('click')
    await flushPromises()
    await vi.waitFor(() => expect(downloads).toHaveLength(1))
    expect(wrapper.get('[data-testid="export-result"]').text()).toBe(
      'Downloaded Cat photo-labels.zip.',
    )
    const files = unzipSync(new Uint8Array(await downloads[0]!.arrayBuffer()))
    expect(Object.keys(files).sort()).toEqual([
      'coco/annotations.json',
      'labels.csv',
      'rekognition/Cat photo.json',
      'voc/Cat photo.xml',
      'yolo/classes.txt',
      'yolo/labels/Cat photo.txt',
    ])
    const coco = JSON.parse(strFromU8(files['coco/annotations.json']!)) as {
      annotations: { bbox: number[]; area: number }[]
      categories: { name: string }[]
    }
    expect(coco.annotations.map((a) => a.bbox)).toEqual([[20, 20, 100, 50]])
    expect(coco.annotations[0]?.area).toBe(5000)
    expect(coco.categories.map((c) => c.name)).toEqual(['Cat'])
    expect(strFromU8(files['yolo/labels/Cat photo.txt']!).trim()).toBe(
      '0 0.350000 0.450000 0.500000 0.500000',
    )
    expect(strFromU8(files['yolo/classes.txt']!).trim()).toBe('Cat')
    const voc = strFromU8(files['voc/Cat photo.xml']!)
    expect(voc).toContain('<xmin>21</xmin>')
    expect(voc).not.toContain('Dog')
    const csvRows = strFromU8(files['labels.csv']!).trim().split('\r\n')
    expect(csvRows).toHaveLength(2)
    const rekognition = JSON.parse(strFromU8(files['rekognition/Cat photo.json']!)) as {
      Labels: { Name: string; Instances: unknown[] }[]
    }
    expect(rekognition.Labels.find((label) => label.Name === 'Cat')?.Instances).toHaveLength(1)
  })

  it('exports a photo that is not open at the threshold it opens with (its minimum confidence)', async () => {
    const wrapper = mountDialog(null)
    for (const format of ['annotated', 'rekognition', 'coco', 'voc', 'yolo'])
      await wrapper.get(`input[data-format="${format}"]`).setValue(false)
    await wrapper.get('[data-testid="export-download"]').trigger('click')
    await flushPromises()
    await vi.waitFor(() => expect(downloads).toHaveLength(1))
    // Only the CSV was asked for: it holds b1 (90 %) and b3 (40 %, above the detection's 30 %).
    const files = unzipSync(new Uint8Array(await downloads[0]!.arrayBuffer()))
    const rows = strFromU8(files['labels.csv']!).trim().split('\r\n')
    expect(rows).toHaveLength(3)
  })
})
