/** The text on a box's tag: "Cat 97 %" for detections, "Cat" for drawn boxes, marked once edited. */
export function tagText(label: string, confidence: number | null, edited: boolean): string {
  return tagTexts(label, confidence, edited)[0] ?? ''
}

/**
 * Every text a box's tag may show, from the most to the least informative: the tag layout takes
 * the first that finds room. A detection can shrink to its confidence alone ("92 %"), which is
 * what tells crowded boxes of one label apart; a drawn box keeps at least its label.
 */
export function tagTexts(label: string, confidence: number | null, edited: boolean): string[] {
  const name = label.trim() === '' ? 'Unlabelled' : label.trim()
  // Confidence arrives as 0–100; whole percent is what the label list shows too.
  const score = confidence === null ? null : `${Math.round(confidence)} %`
  const plain = score === null ? name : `${name} ${score}`
  const texts = edited ? [`${plain} · edited`, plain] : [plain]
  if (score !== null) texts.push(score)
  return texts
}
