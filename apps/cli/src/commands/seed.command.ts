import { DomainError } from '@regledger/shared';
import { loadDeclarationPolicy } from '@regledger/declarations';
import { Progress, UsageError, out, printJson, type CliCommand } from '../cli-kit.js';
import { openCliEngine } from '../open.js';
import { DEFAULT_SEED_OPTIONS, SEED_PROVINCES, checkSeedOptions, generateSeedPlan, type SeedOptions, type SeedPlan } from '../seed/seed-generator.js';
import { SeedStepError, runSeedPlan, supervisionEventsEstimate, type SeedReport } from '../seed/seed-runner.js';

/** The provinces with a division table, eight to a line, indented under the option's description. */
const provinces = (): string => {
  const names = Object.values(SEED_PROVINCES).map((p) => `${p.code} ${p.name}`);
  const lines: string[] = [];
  for (let k = 0; k < names.length; k += 8) lines.push(`${' '.repeat(23)}${names.slice(k, k + 8).join(', ')}`);
  return lines.join(',\n');
};

const wholeNumber = (name: string, raw: string | boolean | string[] | undefined, fallback: number): number => {
  if (raw === undefined) return fallback;
  if (typeof raw !== 'string' || !/^\d+$/.test(raw)) throw new UsageError(`--${name} must be a whole number`);
  return Number(raw);
};

const table = (counts: Record<string, number>): string =>
  Object.entries(counts)
    .sort(([, a], [, b]) => b - a)
    .map(([type, n]) => `    ${type.padEnd(26)}${String(n).padStart(8)}`)
    .join('\n');

const dateOf = (iso: string): string => iso.slice(0, 10);

export const seedCommand: CliCommand = {
  name: 'seed',
  summary: 'Write a realistic, reproducible data set through the deciders.',
  usage: 'seed [--province 44] [--enterprises 200] [--seed 42] [--now 2026-11-01T00:00:00Z] [--append] [--no-supervision] [--dry-run]',
  help: `
  --province <code>    two-digit province with a division table (default ${DEFAULT_SEED_OPTIONS.province}), one of:
${provinces()}
  --enterprises <n>    enterprises to register (default ${DEFAULT_SEED_OPTIONS.enterprises})
  --seed <n>           seed of the generator (default ${DEFAULT_SEED_OPTIONS.seed}); the same options write the same data set
  --now <instant>      end of the two years the data set covers (default ${DEFAULT_SEED_OPTIONS.now})
  --append             write into a log that already holds events
  --no-supervision     only enterprises and declarations: no inspectors, complaints, plan or inspections
  --dry-run            plan and count, write nothing

Writes through the deciders the API uses:
  - enterprises, registered by an admin of the province across its cities and districts (GB/T 2260), with
    valid USCCs, Chinese company names and addresses;
  - their declarations of real national, industry, local, group and enterprise standards in the 15 key
    consumer product categories and others, with products, indicators and test methods; some declared late
    (after the first sale, or more than 30 days after issuing the standard), some below the recommended
    standard with an explanation;
  - revisions (~15 %), confirmations (~10 %) and abolitions (~5 %) of declarations;
  - renames of ~3 % of enterprises, each followed by the re-declaration requirement the rename policy would
    send (same actor, same idempotency key, so the running policy never applies it a second time) and mostly
    by the re-declarations; overdue re-declarations recorded as the scheduler would;
  - one or two deregistrations.
Then, unless --no-supervision, the province's supervision data, through the same command handlers:
  - inspectors: three per city and four at the province, with qualifications (some updated), declared conflicts
    of interest with seeded enterprises, and one deactivated;
  - complaints and reports at every stage: received, accepted, assigned, mediated with agreement or failure and
    closed, rejected and closed, a report verified with a case decision and its real-name reporter notified,
    an anonymous one without a case, and one escalated to a targeted inspection (one set per 100 enterprises);
  - an inspection plan of the province (class B ratio 10 %) committed to a secret derived from the seed, and its
    draw, which verifies (GET /inspection-plans/:id/draw/verify);
  - the inspections: the tasks the draw ordered and the targeted one, opened as the policies would (same actor,
    same idempotency key), started, findings recorded, completed (one in four samples with disclosed indicators
    non-conforming), and all results but the last published.
  The supervision timeline covers the 200 days before min(now - 5 days, end of the working-day calendar - 80
  days), so every deadline it starts stays inside the official calendar; it is skipped, with a note, when that
  falls too early in the covered period.
Each command is decided at its own time in the covered period, so the timeliness rules see realistic dates;
the log records the wall clock as each event's recordedAt.

Refuses a log that already holds events unless --append is given. Interrupted, run the same command again with
--append: steps already written are replayed, not written twice. Read models catch up when the API or the
projector runs (or with "regledger rebuild --all"). Policy values come from DECLARATION_WITHIN_DAYS_OF_ISSUE,
DECLARATION_BEFORE_FIRST_SALE and REDECLARATION_WITHIN_DAYS, as for the API.

Example:
  npx regledger seed --province 44 --enterprises 500 --seed 7`,
  options: {
    province: { type: 'string' },
    enterprises: { type: 'string' },
    seed: { type: 'string' },
    now: { type: 'string' },
    append: { type: 'boolean' },
    'no-supervision': { type: 'boolean' },
    'dry-run': { type: 'boolean' },
  },
  async run({ values }) {
    const options: SeedOptions = {
      province: (values.province as string | undefined) ?? DEFAULT_SEED_OPTIONS.province,
      enterprises: wholeNumber('enterprises', values.enterprises, DEFAULT_SEED_OPTIONS.enterprises),
      seed: wholeNumber('seed', values.seed, DEFAULT_SEED_OPTIONS.seed),
      now: (values.now as string | undefined) ?? DEFAULT_SEED_OPTIONS.now,
      policy: loadDeclarationPolicy(process.env),
    };
    try {
      checkSeedOptions(options);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }

    if (values['dry-run']) {
      const plan = generateSeedPlan(options);
      if (values.json) printJson(planSummary(plan));
      else {
        out(`would seed ${plan.provinceName} (${plan.province}) with seed ${plan.seed}, ${dateOf(plan.from)} to ${dateOf(plan.now)}`);
        out(`  ${plan.enterprises} enterprises, ${plan.declarations} declarations, ${plan.steps.length} commands, ${plan.expectedEvents} events:`);
        out(table(plan.expectedEventsByType));
        if (!values['no-supervision']) out('  then the supervision data (about ' + supervisionEventsEstimate(plan) + ' events; the draw decides how many inspections)');
      }
      return 0;
    }

    const engine = await openCliEngine();
    const controller = new AbortController();
    const interrupt = (): void => {
      if (!controller.signal.aborted) process.stderr.write('\ninterrupting after the current command...\n');
      controller.abort();
    };
    try {
      const head = await engine.store.headPosition();
      if (head && !values.append) {
        process.stderr.write(
          `regledger seed: the log already holds events (head at global position ${head.globalPosition}); a generated data set ` +
            'would be mixed into it.\nGive --append to write into it anyway, or point DATA_DIR or DATABASE_URL at an empty store.\n',
        );
        return 2;
      }
      const plan = generateSeedPlan(options);
      process.once('SIGINT', interrupt);
      process.once('SIGTERM', interrupt);
      const bar = new Progress('seed');
      let shown = 0;
      const report = await runSeedPlan(engine, plan, {
        policy: options.policy,
        signal: controller.signal,
        supervision: !values['no-supervision'],
        onProgress(p) {
          if (p.stepsDone < p.steps && p.elapsedMs - shown < 100) return;
          shown = p.elapsedMs;
          const seconds = Math.max(p.elapsedMs / 1000, 0.001);
          const rate = p.eventsWritten / seconds;
          bar.update(p.eventsWritten, p.expectedEvents, rate, rate > 0 ? Math.max(0, p.expectedEvents - p.eventsWritten) / rate : null);
        },
      }).catch((e: unknown) => {
        if (e instanceof SeedStepError && e.reason instanceof DomainError && e.reason.code === 'ENTERPRISE.ALREADY_REGISTERED') {
          throw new Error(`${e.message}\nthe log already holds this enterprise from another plan with seed ${options.seed}: choose another --seed to append`);
        }
        throw e;
      });
      bar.done(`seed: ${report.eventsWritten} events written in ${report.elapsedSeconds.toFixed(1)}s`);
      for (const d of report.divergences) {
        process.stderr.write(`warning: command ${d.step + 1} (${d.type}) gave [${d.actual.join(', ')}], the plan expected [${d.expected.join(', ')}]\n`);
      }
      if (values.json) printJson({ ...report, provinceName: plan.provinceName, policy: plan.policy });
      else printReport(report, plan);
      if (report.interrupted) {
        process.stderr.write(`interrupted after ${report.stepsDone} of ${report.steps} commands: run the same command with --append to finish\n`);
        return 130;
      }
      return 0;
    } finally {
      process.off('SIGINT', interrupt);
      process.off('SIGTERM', interrupt);
      await engine.close();
    }
  },
};

const planSummary = (plan: SeedPlan) => ({
  seed: plan.seed,
  province: plan.province,
  provinceName: plan.provinceName,
  from: plan.from,
  now: plan.now,
  policy: plan.policy,
  enterprises: plan.enterprises,
  declarations: plan.declarations,
  commands: plan.steps.length,
  commandsByType: plan.stepsByType,
  events: plan.expectedEvents,
  eventsByType: plan.expectedEventsByType,
});

function printReport(report: SeedReport, plan: SeedPlan): void {
  out(`seeded ${plan.provinceName} (${plan.province}) with seed ${report.seed}, ${dateOf(report.from)} to ${dateOf(report.now)}`);
  out(`  ${report.enterprises} enterprises, ${report.declarations} declarations, ${report.stepsDone} commands`);
  out(`  ${report.eventsWritten} events written in ${report.elapsedSeconds.toFixed(1)}s (${Math.round(report.eventsPerSecond)} events/s):`);
  out(table(report.eventsByType));
  const s = report.supervision;
  if (s?.skipped) out(`  supervision skipped: ${s.skipped}`);
  else if (s) {
    const statuses = Object.entries(s.complaintsByStatus).map(([k, n]) => `${n} ${k}`).join(', ');
    out(`  supervision until ${s.until}: ${s.inspectors} inspectors (${s.inspectorsDeactivated} deactivated, ${s.conflictsDeclared} conflicts), ${s.complaints} complaints and reports (${statuses})`);
    out(`  plan ${s.planId}: ${s.drawnTargets} targets drawn; ${s.inspectionsOpened} inspections, ${s.inspectionsCompleted} completed (${s.inspectionsNonConforming} non-conforming), ${s.inspectionsPublished} published`);
  }
  if (report.eventsReplayed) out(`  ${report.eventsReplayed} events were already in the log from an earlier run of the same plan`);
  out('read models catch up when the API or the projector runs, or with: regledger rebuild --all');
}
