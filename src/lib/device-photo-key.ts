// Keys of photos that never reach the images bucket (see photo-key.ts for those that do). Apart
// from photo-key.ts because the start screen's photo store needs only this.

/**
 * Photos kept on this device (no AWS config, or storage unreachable when labelled on the
 * device) get a key under this prefix. No such key ever names an S3 object.
 */
const DEVICE_KEY_PREFIX = 'device/'

export function devicePhotoKey(randomId: string): string {
  return `${DEVICE_KEY_PREFIX}${randomId}.jpg`
}

export function isDeviceKey(key: string): boolean {
  return key.startsWith(DEVICE_KEY_PREFIX)
}
