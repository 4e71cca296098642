import { parseCorrelationId, throwIfInvalid, traceCorrelation, traceLines, type CorrelationTrace } from '@regledger/audit';
import type { FieldError } from '@regledger/shared';
import { Progress, UsageError, out, printJson, type CliCommand } from '../cli-kit.js';
import { asUsage, openAuditSource, type AuditSource } from './replay.command.js';

/** The tree with a heading: how many events, streams and contexts the chain spans. */
export const traceText = (t: CorrelationTrace): string =>
  [
    `correlation ${t.correlationId}: ${t.count} event(s) in ${t.streams.length} stream(s) across ${t.contexts.length} context(s) (${t.contexts.join(', ')})`,
    '',
    ...traceLines(t.roots),
  ].join('\n');

/** `trace`, reading from `open` (the configured engine by default). */
export const traceCommandWith = (open: () => Promise<AuditSource>): CliCommand => ({
  name: 'trace',
  summary: 'Every event of one correlation id across contexts, as a causal tree.',
  usage: 'trace <correlation id> [--json]',
  help: `Finds every event recorded under the correlation id (the X-Correlation-Id of the request that started
the chain, carried by every policy's reaction) and prints them as a tree: an event hangs under the event
that caused it (its causation id); an event recorded by a person's command hangs under the chain's first
event on the same stream ("[same stream]"), or starts a root. Siblings keep the order of the log.

Reads the whole log once, in pages of 1,000 (progress on stderr). Reads only: interrupting it (Ctrl-C)
changes nothing. Exits 1 when no event has the id.`,
  options: {},
  allowPositionals: true,
  async run({ values, positionals }) {
    if (positionals.length !== 1) throw new UsageError('give exactly one correlation id');
    const [correlationId] = positionals;
    asUsage(() => {
      const errors: FieldError[] = [];
      parseCorrelationId('correlationId', correlationId, errors);
      throwIfInvalid(errors);
    });
    const source = await open();
    try {
      const bar = new Progress('trace');
      const started = Date.now();
      const trace = await traceCorrelation(source.store, source.contexts, correlationId, {
        onProgress: (n) => bar.update(n, null, n / Math.max((Date.now() - started) / 1000, 0.001), null),
      });
      bar.done(`trace: ${trace.scanned} events read, ${trace.count} in the chain`);
      if (values.json) printJson(trace);
      else out(traceText(trace));
      return 0;
    } finally {
      await source.close();
    }
  },
});

export const traceCommand = traceCommandWith(openAuditSource);
