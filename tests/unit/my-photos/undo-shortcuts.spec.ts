import { describe, expect, it } from 'vitest'
import { historyCommand, type ShortcutKey } from '../../../src/lib/undo-shortcuts'

const press = (key: string, modifiers: Partial<ShortcutKey> = {}): ShortcutKey => ({
  key,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  inEditableField: false,
  ...modifiers,
})

describe('undo and redo shortcuts', () => {
  it('undoes with Ctrl+Z and Cmd+Z', () => {
    expect(historyCommand(press('z', { ctrlKey: true }))).toBe('undo')
    expect(historyCommand(press('z', { metaKey: true }))).toBe('undo')
  })

  it('redoes with Shift+Ctrl/Cmd+Z (Shift makes the key "Z") and Ctrl+Y', () => {
    expect(historyCommand(press('Z', { ctrlKey: true, shiftKey: true }))).toBe('redo')
    expect(historyCommand(press('Z', { metaKey: true, shiftKey: true }))).toBe('redo')
    expect(historyCommand(press('y', { ctrlKey: true }))).toBe('redo')
  })

  it('leaves typing, plain keys, Alt chords and Cmd+Y alone', () => {
    expect(historyCommand(press('z', { ctrlKey: true, inEditableField: true }))).toBeNull()
    expect(historyCommand(press('z'))).toBeNull()
    expect(historyCommand(press('z', { ctrlKey: true, altKey: true }))).toBeNull()
    expect(historyCommand(press('y', { metaKey: true }))).toBeNull()
    expect(historyCommand(press('x', { ctrlKey: true }))).toBeNull()
  })
})
