/**
 * Settles like `work`, or rejects with `onTimeout()` after `ms` if `work` has not
 * settled by then. The work is not cancelled (its own timeout cleans it up later);
 * a late rejection is observed here so it never surfaces as unhandled.
 */
export function withDeadline<T>(
  work: Promise<T>,
  ms: number | undefined,
  onTimeout: () => Error,
): Promise<T> {
  if (!ms || ms <= 0) return work;
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(onTimeout()), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
