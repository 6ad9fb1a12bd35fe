/**
 * What of an error may go into a log line: its class and code (P2002,
 * ECONNREFUSED, ...). Never its message: store and driver errors quote values,
 * and values here are patient data.
 */
export function errorFields(error: unknown): { errorType: string; errorCode?: string } {
  const name = (error as Error)?.name ?? typeof error;
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' || typeof code === 'number'
    ? { errorType: name, errorCode: String(code) }
    : { errorType: name };
}

/** The stack's frames without its first line (which repeats the message). */
export function stackFrames(error: unknown): string | undefined {
  const stack = (error as Error)?.stack;
  return stack ? stack.split('\n').slice(1).join('\n') : undefined;
}
