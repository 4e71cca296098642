import { sleep } from './sleep.js';
import { START, type ReadAllOptions, type RecordedEvent, type SubscribeOptions } from './types.js';

/**
 * A catch-up subscription over `readAll`: batches in the log's order from a checkpoint, then polls for
 * new events until the signal aborts. Both adapters serve `subscribe` with it.
 */
export async function* pollingSubscription(
  readAll: (options: ReadAllOptions) => Promise<RecordedEvent[]>,
  options: SubscribeOptions = {},
): AsyncIterable<RecordedEvent[]> {
  let after = options.after ?? START;
  const batchSize = options.batchSize ?? 500;
  const poll = options.pollIntervalMs ?? 100;
  while (!options.signal?.aborted) {
    const batch = await readAll({ after, maxCount: batchSize });
    if (batch.length) {
      after = batch[batch.length - 1].position;
      yield batch;
      if (batch.length === batchSize) continue;
    }
    await sleep(poll, options.signal);
  }
}
