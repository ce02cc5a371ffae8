// DetectLabels response pieces in the wire (PascalCase) shape, as the AWS SDK types spell them.

export interface WireDominantColor {
  Red: number
  Green: number
  Blue: number
  HexCode: string
  CSSColor: string
  SimplifiedColor: string
  PixelPercent: number
}

export interface WireBoundingBox {
  Width: number
  Height: number
  Left: number
  Top: number
}

export interface WireInstance {
  BoundingBox: WireBoundingBox
  Confidence: number
  DominantColors: WireDominantColor[]
}

export interface WireLabel {
  Name: string
  Confidence: number
  Instances: WireInstance[]
  Parents: { Name: string }[]
  Aliases: { Name: string }[]
  Categories: { Name: string }[]
}

export interface WireRegionProperties {
  Quality: { Brightness: number; Sharpness: number }
  DominantColors: WireDominantColor[]
}

export interface WireImageProperties {
  Quality: { Brightness: number; Sharpness: number; Contrast: number }
  DominantColors: WireDominantColor[]
  Foreground?: WireRegionProperties
  Background?: WireRegionProperties
}
