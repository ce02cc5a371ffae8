/** The text on a box's tag: "Cat 97 %" for detections, "Cat" for drawn boxes, marked once edited. */
export function tagText(label: string, confidence: number | null, edited: boolean): string {
  const name = label.trim() === '' ? 'Unlabelled' : label.trim()
  // Confidence arrives as 0–100; whole percent is what the label list shows too.
  const score = confidence === null ? '' : ` ${Math.round(confidence)} %`
  return `${name}${score}${edited ? ' · edited' : ''}`
}
