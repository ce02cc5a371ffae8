// Pascal VOC XML, one file per photo, as LabelImg and most training tools read it.
import { exportBoxes } from './boxes'
import type { ExportPhoto } from './types'

/** Escapes text for XML and drops characters XML 1.0 cannot carry at all. */
export function escapeXml(text: string): string {
  let out = ''
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0
    const allowed =
      code === 0x9 ||
      code === 0xa ||
      code === 0xd ||
      (code >= 0x20 && code <= 0xd7ff) ||
      (code >= 0xe000 && code <= 0xfffd) ||
      code >= 0x10000
    if (!allowed) continue
    if (char === '&') out += '&amp;'
    else if (char === '<') out += '&lt;'
    else if (char === '>') out += '&gt;'
    else if (char === '"') out += '&quot;'
    else if (char === "'") out += '&apos;'
    else out += char
  }
  return out
}

/**
 * VOC pixel coordinates are 1-based and inclusive: a box covering pixel columns 0–9 (0-based)
 * is xmin 1, xmax 10, so a box over the whole image is 1…width. Edges are rounded to whole
 * pixels; a box that rounds to no pixels is dropped. `truncated` is 1 when the detected box
 * reached or crossed the image edge (the object continues outside the photo).
 */
export function toVocXml(photo: ExportPhoto, fileName = photo.fileName): string {
  const objects = exportBoxes(photo).flatMap((entry) => {
    const left = Math.round(entry.pixels.x)
    const top = Math.round(entry.pixels.y)
    const right = Math.min(photo.width, Math.round(entry.pixels.x + entry.pixels.width))
    const bottom = Math.min(photo.height, Math.round(entry.pixels.y + entry.pixels.height))
    if (right <= left || bottom <= top) return []
    return [
      [
        '  <object>',
        `    <name>${escapeXml(entry.source.label)}</name>`,
        '    <pose>Unspecified</pose>',
        `    <truncated>${entry.atEdge ? 1 : 0}</truncated>`,
        '    <difficult>0</difficult>',
        '    <bndbox>',
        `      <xmin>${left + 1}</xmin>`,
        `      <ymin>${top + 1}</ymin>`,
        `      <xmax>${right}</xmax>`,
        `      <ymax>${bottom}</ymax>`,
        '    </bndbox>',
        '  </object>',
      ].join('\n'),
    ]
  })
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<annotation>',
    '  <folder>images</folder>',
    `  <filename>${escapeXml(fileName)}</filename>`,
    '  <source><database>Image Labels</database></source>',
    '  <size>',
    `    <width>${photo.width}</width>`,
    `    <height>${photo.height}</height>`,
    '    <depth>3</depth>',
    '  </size>',
    '  <segmented>0</segmented>',
    ...objects,
    '</annotation>',
    '',
  ].join('\n')
}
