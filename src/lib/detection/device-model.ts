/** `LabelModelVersion` of answers made on the device: same weights and decoding as the local endpoint. */
export const DEVICE_MODEL_VERSION = 'device-centernet-coco-1.0'
