import sharp from 'sharp'
import { imageProperties, boxColors } from './src/lib/detection/image-properties.ts'
import { labelsFromDetections } from './src/lib/detection/labels.ts'
const { data, info } = await sharp('/tmp/benchphoto/phone-12mp-prepared-1920.jpg').rotate().resize(512, 512, { fit: 'inside' }).raw().toBuffer({ resolveWithObject: true })
const img = { data: new Uint8Array(data), width: info.width, height: info.height, channels: 3 as const }
const box = { left: 0.2, top: 0.1, width: 0.5, height: 0.7 }
for (let i = 0; i < 8; i++) {
  let t = performance.now(); imageProperties(img, [box], 10); const a = performance.now() - t
  t = performance.now(); boxColors(img, box, 10); const b = performance.now() - t
  console.log(a.toFixed(1), b.toFixed(1))
}
