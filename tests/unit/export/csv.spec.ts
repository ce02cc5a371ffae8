import { describe, expect, it } from 'vitest'
import { CSV_HEADER, toCsv } from '../../../src/lib/export'
import { csvField } from '../../../src/lib/export/csv'
import {
  analysisOf,
  detectedLabel,
  formulaPhoto,
  labelBox,
  stateOf,
  streetPhoto,
  TRICKY_LABEL,
} from './fixtures'

/** An independent RFC 4180 reader: quoted fields, doubled quotes, CRLF inside quotes. */
function readCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"'
        i += 1
      } else if (char === '"') quoted = false
      else field += char
    } else if (char === '"') quoted = true
    else if (char === ',') {
      row.push(field)
      field = ''
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(field)
      rows.push(row)
      row = []
      field = ''
      i += 1
    } else field += char
  }
  if (field !== '' || row.length > 0) throw new Error('last line is not terminated by CRLF')
  return rows
}

describe('toCsv', () => {
  it('writes one row per visible box with pixel and fraction boxes worked out by hand', () => {
    const rows = readCsv(toCsv([streetPhoto(), formulaPhoto()]))
    expect(rows[0]).toEqual(CSV_HEADER)
    expect(rows.slice(1)).toEqual([
      [
        'street.jpg',
        'Dog',
        '98.5',
        'detected',
        '64',
        '96',
        '160',
        '240',
        '0.1',
        '0.2',
        '0.25',
        '0.5',
      ],
      [
        'street.jpg',
        'Car',
        '80',
        'detected',
        '480',
        '240',
        '160',
        '240',
        '0.75',
        '0.5',
        '0.25',
        '0.5',
      ],
      ['street.jpg', 'Person', '91.25', 'detected', '0', '0', '128', '192', '0', '0', '0.2', '0.4'],
      ['street.jpg', TRICKY_LABEL, '', 'user', '320', '48', '64', '48', '0.5', '0.1', '0.1', '0.1'],
      ["'=HYPERLINK(_x_).jpg", 'Car', '88', 'detected', '0', '0', '100', '50', '0', '0', '1', '1'],
    ])
  })

  it('quotes commas, quotes and line breaks, and neutralises formulas in labels', () => {
    const labels = ['a,b', 'say "hi"', 'two\r\nlines', '=1+1', '+SUM(A1)', '-2', '@cmd', 'plain']
    const boxes = labels.map((label, i) =>
      labelBox(`b${i}`, label, 50, { left: 0, top: 0, width: 0.5, height: 0.5 }),
    )
    const photo = {
      fileName: 'p.jpg',
      width: 10,
      height: 10,
      state: stateOf(analysisOf([detectedLabel('x', 1)], boxes)),
      threshold: 0,
    }
    const text = toCsv([photo])
    const read = readCsv(text)
      .slice(1)
      .map((row) => row[1])
    expect(read).toEqual([
      'a,b',
      'say "hi"',
      'two\r\nlines',
      "'=1+1",
      "'+SUM(A1)",
      "'-2",
      "'@cmd",
      'plain',
    ])
    expect(text).toContain('"say ""hi"""')
  })

  it('does not touch numbers', () => {
    expect(csvField(0.5)).toBe('0.5')
    expect(csvField('-x')).toBe("'-x")
  })
})
