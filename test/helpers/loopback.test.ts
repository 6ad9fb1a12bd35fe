import { isLoopback } from './loopback';

describe('isLoopback', () => {
  it('accepts only loopback addresses and names', () => {
    for (const host of [
      '127.0.0.1',
      '127.5.6.7',
      '::1',
      '[::1]',
      'localhost',
      '::ffff:127.0.0.1',
    ]) {
      expect(isLoopback(host)).toBe(true);
    }
    for (const host of [
      '169.254.169.254',
      '10.0.0.1',
      'metadata.google.internal',
      '0.0.0.0',
      '128.0.0.1',
      undefined,
    ]) {
      expect(isLoopback(host)).toBe(false);
    }
  });
});
