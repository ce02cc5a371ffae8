// My photos with its AWS door replaced by an in-memory bucket (mocked S3): listing, names from
// thumbnails, confirmation before delete, selection for export and reopening.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import MyPhotosGrid from '../../../src/components/my-photos/MyPhotosGrid.vue'
import { myPhotosEntries, thumbnailKey, type ListedObject } from '../../../src/lib/my-photos'
import type { AwsDoor } from '../../../src/services/aws-door'
import { useSessionStore } from '../../../src/stores/session'

const bucket = {
  objects: [] as { key: string; lastModified: string; size: number; name?: string }[],
  deleted: [] as string[],
}

const inMemoryDoor = {
  listPhotos: () => Promise.resolve(myPhotosEntries(bucket.objects as ListedObject[])),
  getThumbnail: (photoKey: string) => {
    const thumbnail = bucket.objects.find((object) => object.key === thumbnailKey(photoKey))
    return thumbnail
      ? Promise.resolve({ bytes: new Uint8Array([0xff, 0xd8]), originalName: thumbnail.name ?? '' })
      : Promise.reject(new Error('NoSuchKey'))
  },
  deletePhoto: (photoKey: string) => {
    const prefix = photoKey.replace(/jpg$/, '')
    const doomed = bucket.objects.filter((object) => object.key.startsWith(prefix))
    bucket.deleted.push(...doomed.map((object) => object.key))
    bucket.objects = bucket.objects.filter((object) => !doomed.includes(object))
    return Promise.resolve(doomed.map((object) => object.key))
  },
}

const older = 'u/guest/aaaa.jpg'
const newer = 'u/guest/bbbb.jpg'

function mountGallery(props: Record<string, unknown> = {}) {
  const pinia = createPinia()
  setActivePinia(pinia)
  vi.spyOn(useSessionStore(), 'door').mockResolvedValue(inMemoryDoor as unknown as AwsDoor)
  return mount(MyPhotosGrid, { props, global: { plugins: [pinia] }, attachTo: document.body })
}

const cardNames = (wrapper: ReturnType<typeof mountGallery>) =>
  wrapper.findAll('[data-testid="my-photos-item"] .card__name').map((name) => name.text())

describe('MyPhotosGrid (mocked S3)', () => {
  beforeEach(() => {
    bucket.deleted = []
    bucket.objects = [
      { key: older, lastModified: '2026-01-01T10:00:00.000Z', size: 1000 },
      {
        key: thumbnailKey(older),
        lastModified: '2026-01-01T10:00:01.000Z',
        size: 10,
        name: 'Beach.jpg',
      },
      { key: 'u/guest/aaaa.analysis.json', lastModified: '2026-01-01T10:00:02.000Z', size: 10 },
      { key: newer, lastModified: '2026-01-02T10:00:00.000Z', size: 2000 },
      {
        key: thumbnailKey(newer),
        lastModified: '2026-01-02T10:00:01.000Z',
        size: 10,
        name: 'Cat.jpg',
      },
    ]
    URL.createObjectURL = vi.fn(() => `blob:thumb-${Math.random()}`)
    URL.revokeObjectURL = vi.fn()
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('lists the photos newest first with their names, and says how long they are kept', async () => {
    const wrapper = mountGallery({ retentionDays: 7 })
    // Thumbnails load one request each, after the listing.
    await vi.waitFor(() => expect(cardNames(wrapper)).toEqual(['Cat.jpg', 'Beach.jpg']))
    expect(wrapper.findAll('img.card__image')).toHaveLength(2)
    expect(wrapper.get('[data-testid="my-photos-count"]').text()).toBe('2')
    const note = wrapper.get('[data-testid="retention-note"]').text()
    expect(note).toContain('tied to this browser')
    expect(note).toContain('7 days after you add them')
    expect(note).toContain('Export what you want to keep')
    // Only the older photo has an analysis document.
    expect(wrapper.findAll('.card__flag')).toHaveLength(1)
  })

  it('deletes only after confirmation, with everything beside the photo', async () => {
    const wrapper = mountGallery()
    await vi.waitFor(() => expect(cardNames(wrapper)).toEqual(['Cat.jpg', 'Beach.jpg']))
    await wrapper.get('button[aria-label="Delete Beach.jpg"]').trigger('click')
    expect(wrapper.get('[data-testid="confirm-delete"]').text()).toContain('Delete “Beach.jpg”?')
    await wrapper.get('[data-testid="confirm-delete"] button').trigger('click') // Cancel
    expect(wrapper.find('[data-testid="confirm-delete"]').exists()).toBe(false)
    expect(bucket.deleted).toEqual([])

    await wrapper.get('button[aria-label="Delete Beach.jpg"]').trigger('click')
    await wrapper.get('[data-testid="confirm-delete-button"]').trigger('click')
    // The open photo (none here) is closed first; the editor's stores load for that.
    await vi.waitFor(() =>
      expect([...bucket.deleted].sort()).toEqual(
        [older, 'u/guest/aaaa.analysis.json', thumbnailKey(older)].sort(),
      ),
    )
    await flushPromises()
    expect(cardNames(wrapper)).toEqual(['Cat.jpg'])
    expect(wrapper.find('[data-testid="confirm-delete"]').exists()).toBe(false)
  })

  it('exports the selection, or every photo when none is selected, and reopens a photo', async () => {
    const wrapper = mountGallery()
    await vi.waitFor(() => expect(cardNames(wrapper)).toEqual(['Cat.jpg', 'Beach.jpg']))
    await wrapper.get('[data-testid="my-photos-export"]').trigger('click')
    expect(wrapper.emitted('export')?.[0]).toEqual([[newer, older]])
    // Each checkbox has a visible "Select" and the photo's name in its label.
    const beach = wrapper
      .findAll('label.card__select')
      .find((label) => label.text() === 'Select Beach.jpg')
    if (!beach) throw new Error('no checkbox labelled “Select Beach.jpg”')
    await beach.get('input').setValue(true)
    expect(wrapper.get('[data-testid="my-photos-export"]').text()).toBe('Export 1 selected')
    await wrapper.get('[data-testid="my-photos-export"]').trigger('click')
    expect(wrapper.emitted('export')?.[1]).toEqual([[older]])
    await wrapper.get('button[aria-label="Open Cat.jpg"]').trigger('click')
    expect(wrapper.emitted('open')?.[0]).toEqual([newer])
  })
})
