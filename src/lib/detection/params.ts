/** DetectLabels request parameters other than the image, in the API's own (PascalCase) shape. */
export interface DetectLabelsParams {
  MaxLabels?: number
  MinConfidence?: number
  Features?: string[]
  Settings?: {
    GeneralLabels?: {
      LabelInclusionFilters?: string[]
      LabelExclusionFilters?: string[]
      LabelCategoryInclusionFilters?: string[]
      LabelCategoryExclusionFilters?: string[]
    }
    ImageProperties?: { MaxDominantColors?: number }
  }
}

export const DEFAULT_MIN_CONFIDENCE = 55
export const DEFAULT_MAX_LABELS = 1000
export const DEFAULT_MAX_DOMINANT_COLORS = 10

export interface RequestedFeatures {
  generalLabels: boolean
  imageProperties: boolean
}

/** GENERAL_LABELS is the default when Features is absent or empty. */
export function requestedFeatures(params: DetectLabelsParams): RequestedFeatures {
  const features = params.Features ?? []
  if (features.length === 0) return { generalLabels: true, imageProperties: false }
  return {
    generalLabels: features.includes('GENERAL_LABELS'),
    imageProperties: features.includes('IMAGE_PROPERTIES'),
  }
}
