// How end-to-end tests in another process reach `npm start --test-control`: the header that
// carries the token, and the file in the data dir where the start leaves the token for them.
export const testControlTokenHeader = 'x-test-control-token'
export const testControlTokenFile = 'test-control-token'
