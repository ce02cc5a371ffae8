// Draws the app's PNG icons (web app manifest) from the SVGs in scripts/icons/ into public/icons/.
// Run once after changing an SVG: `npx tsx scripts/make-icons.ts`; the PNGs are committed.
import { join } from 'node:path'
import sharp from 'sharp'

const sources = join(import.meta.dirname, 'icons')
const folder = join(import.meta.dirname, '..', 'public', 'icons')

const icons = [
  { source: 'icon.svg', size: 192, output: 'icon-192.png' },
  { source: 'icon.svg', size: 512, output: 'icon-512.png' },
  // Maskable: the drawing keeps to the inner 80 % safe zone and the background fills the square.
  { source: 'icon-maskable.svg', size: 512, output: 'icon-maskable-512.png' },
]

for (const icon of icons) {
  await sharp(join(sources, icon.source), { density: 300 })
    .resize(icon.size, icon.size)
    .png({ compressionLevel: 9, palette: true })
    .toFile(join(folder, icon.output))
  console.log(`${icon.output}: ${icon.size}×${icon.size}`)
}
