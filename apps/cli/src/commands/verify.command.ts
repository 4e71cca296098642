import { START, awaitReadable, verifyLog, type EventStore, type LogPosition } from '@regledger/event-store';
import { VerifyDrawHandler, VerifyDrawQuery, loadPlanningConfig, type InspectionsDrawnData } from '@regledger/inspections';
import { Progress, out, printJson, type CliCommand } from '../cli-kit.js';
import { openCliEngine } from '../open.js';

/** One recorded draw whose verification failed: what the verify route would answer, or why it could not. */
export interface BrokenDraw {
  planId: string;
  eventId: string;
  globalPosition: string;
  differences: string[];
}

export interface DrawsReport {
  checked: number;
  broken: BrokenDraw[];
}

const PAGE = 2000;

/** Every `InspectionsDrawn` of the log, in its global order. */
async function recordedDraws(store: EventStore): Promise<{ planId: string; eventId: string; globalPosition: bigint }[]> {
  const draws: { planId: string; eventId: string; globalPosition: bigint }[] = [];
  let after: LogPosition = START;
  await awaitReadable(store);
  for (;;) {
    const page = await store.readAll({ after, maxCount: PAGE, raw: true });
    if (!page.length) return draws;
    for (const e of page) {
      if (e.type !== 'InspectionsDrawn') continue;
      const planId = (e.data as Partial<InspectionsDrawnData> | null)?.planId;
      draws.push({ planId: typeof planId === 'string' ? planId : e.streamId.replace(/^inspection-plan-/, ''), eventId: e.id, globalPosition: e.globalPosition });
    }
    after = page[page.length - 1].position;
  }
}

/**
 * Re-verifies every recorded draw as GET /inspection-plans/:id/draw/verify does: the pool rebuilt from the log
 * up to the recorded position must hash to the recorded pool hash, and the draw recomputed from the recorded
 * input must give the recorded result (docs/draw-algorithm.md §9, §11).
 */
export async function verifyDraws(store: EventStore, onProgress?: (done: number, total: number) => void): Promise<DrawsReport> {
  const draws = await recordedDraws(store);
  const handler = new VerifyDrawHandler(store, loadPlanningConfig(process.env));
  const broken: BrokenDraw[] = [];
  let done = 0;
  for (const d of draws) {
    const base = { planId: d.planId, eventId: d.eventId, globalPosition: d.globalPosition.toString() };
    try {
      const answer = await handler.execute(new VerifyDrawQuery(d.planId));
      if (!answer.matches) broken.push({ ...base, differences: answer.differences });
    } catch (e) {
      broken.push({ ...base, differences: [`could not be verified: ${(e as Error).message}`] });
    }
    done += 1;
    onProgress?.(done, draws.length);
  }
  return { checked: draws.length, broken };
}

export const verifyCommand: CliCommand = {
  name: 'verify',
  summary: "Check every event's hash and stream chain, every sealed block and every recorded draw.",
  usage: 'verify',
  help: `Walks the log once in its global order: recomputes every event's hash, checks it chains to the previous
event of its stream, and recomputes every sealed block. Then re-verifies every recorded draw (each
InspectionsDrawn) as GET /inspection-plans/:id/draw/verify does: the pool is rebuilt from the log up to the
recorded position and the draw recomputed from its recorded input.

Exits 0 when everything matches, 1 naming the first event or block that does not (with what was expected and
what was found) and every draw that does not verify (with its differences).`,
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
      const drawBar = new Progress('verify draws');
      const drawsStarted = Date.now();
      const draws = await verifyDraws(engine.store, (done, total) => {
        const rate = done / Math.max((Date.now() - drawsStarted) / 1000, 0.001);
        drawBar.update(done, total, rate, rate > 0 ? (total - done) / rate : null);
      });
      drawBar.done(`verify: ${draws.checked} draws re-verified`);
      const ok = report.ok && draws.broken.length === 0;
      if (values.json) printJson({ ...report, ok, chainOk: report.ok, draws });
      else {
        if (report.ok) out(`OK: ${report.eventsChecked} events and ${report.blocksChecked} blocks match (${report.unsealedEvents} events not sealed yet)`);
        else {
          const f = report.firstFailure!;
          out(
            f.kind === 'event'
              ? `BROKEN event ${f.eventId} (stream ${f.streamId} revision ${f.revision}, global position ${f.globalPosition}): ${f.reason}\n  expected ${f.expected}\n  found    ${f.actual}`
              : `BROKEN block ${f.blockNo}: ${f.reason}\n  expected ${f.expected}\n  found    ${f.actual}`,
          );
        }
        if (!draws.broken.length) out(`OK: ${draws.checked} recorded draws verify`);
        for (const d of draws.broken) {
          out(`BROKEN draw of plan ${d.planId} (event ${d.eventId}, global position ${d.globalPosition}):`);
          for (const line of d.differences) out(`  ${line}`);
        }
      }
      return ok ? 0 : 1;
    } finally {
      await engine.close();
    }
  },
};
