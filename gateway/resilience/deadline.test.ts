import { withDeadline } from './deadline';

describe('withDeadline', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('passes a value that arrives in time', async () => {
    const result = withDeadline(Promise.resolve(3), 100, () => new Error('late'));
    await expect(result).resolves.toBe(3);
  });

  it('rejects with the timeout error when the work is slower, and ignores its late failure', async () => {
    let fail!: (error: Error) => void;
    const work = new Promise<number>((_, reject) => (fail = reject));
    const result = withDeadline(work, 100, () => new Error('late'));
    jest.advanceTimersByTime(100);
    await expect(result).rejects.toThrow('late');
    fail(new Error('after the deadline'));
    await Promise.resolve(); // an unhandled rejection would fail the test run
  });

  it('passes the work through untouched without a deadline', async () => {
    const work = Promise.resolve('x');
    expect(withDeadline(work, 0, () => new Error('never'))).toBe(work);
  });

  it('passes a failure that arrives in time', async () => {
    const result = withDeadline(Promise.reject(new Error('boom')), 100, () => new Error('late'));
    await expect(result).rejects.toThrow('boom');
  });
});
