/** An abort signal raised by Ctrl-C or SIGTERM while `work` runs; the handlers are removed afterwards. */
export async function interruptible<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const stop = (): void => {
    if (!controller.signal.aborted) process.stderr.write('\ninterrupted: stopping and dropping the scratch schema\n');
    controller.abort();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  try {
    return await work(controller.signal);
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}
