import { verifyLog } from '@regledger/event-store';
import { Progress, out, printJson, type CliCommand } from '../cli-kit.js';
import { openCliEngine } from '../open.js';

export const verifyCommand: CliCommand = {
  name: 'verify',
  summary: "Check every event's hash and stream chain and every sealed block.",
  usage: 'verify',
  help: 'Walks the log once in its global order. Exits 0 when everything matches, 1 naming the first event or\nblock that does not, with what was expected and what was found.',
  options: {},
  async run({ values }) {
    const engine = await openCliEngine();
    try {
      const bar = new Progress('verify');
      const started = Date.now();
      const report = await verifyLog(engine.store, engine.database.db, {
        onProgress: (n) => bar.update(n, null, n / Math.max((Date.now() - started) / 1000, 0.001), null),
      });
      bar.done(`verify: ${report.eventsChecked} events, ${report.blocksChecked} blocks checked`);
      if (values.json) printJson(report);
      else if (report.ok) out(`OK: ${report.eventsChecked} events and ${report.blocksChecked} blocks match (${report.unsealedEvents} events not sealed yet)`);
      else {
        const f = report.firstFailure!;
        out(
          f.kind === 'event'
            ? `BROKEN event ${f.eventId} (stream ${f.streamId} revision ${f.revision}, global position ${f.globalPosition}): ${f.reason}\n  expected ${f.expected}\n  found    ${f.actual}`
            : `BROKEN block ${f.blockNo}: ${f.reason}\n  expected ${f.expected}\n  found    ${f.actual}`,
        );
      }
      return report.ok ? 0 : 1;
    } finally {
      await engine.close();
    }
  },
};
