import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { sql, type RawBuilder } from 'kysely';
import { prepareEngineStorage } from '@regledger/database/testing';
import { loadEngineConfig, openEngine, type Engine } from '@regledger/engine';
import { awaitReadable, verifyLog, type CommandResult, type RecordedEvent } from '@regledger/event-store';
import { DEFAULT_DECLARATION_POLICY, DeclarationCommandHandler, declarationsContext, type DeclarationBusCommand } from '@regledger/declarations';
import { CONTEXTS } from '../apps/api/src/contexts.js';
import { seedCommand } from '../apps/cli/src/commands/seed.command.js';
import { SEED_PROVINCES, generateSeedPlan, type SeedOptions } from '../apps/cli/src/seed/seed-generator.js';
import { runSeedPlan, type SeedReport } from '../apps/cli/src/seed/seed-runner.js';
import { verifySeededDraw, type SupervisionReport } from '../apps/cli/src/seed/supervision-seed.js';

const OPTIONS: SeedOptions = { seed: 42, province: '44', enterprises: 30, now: '2026-11-01T00:00:00Z' };

interface Opened {
  engine: Engine;
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

async function openFresh(): Promise<Opened> {
  const storage = await prepareEngineStorage();
  const env = { DATA_DIR: storage.dataDir, ...(storage.databaseUrl ? { DATABASE_URL: storage.databaseUrl } : {}), LOG_LEVEL: 'silent' };
  const engine = await openEngine(loadEngineConfig(env), CONTEXTS);
  return { engine, env, cleanup: () => storage.cleanup() };
}

/**
 * The whole log once every committed event is readable: on PostgreSQL, readers do not see events past the oldest
 * transaction still running anywhere in the cluster (autovacuum included), so wait for that horizon first.
 */
async function allEvents(engine: Engine): Promise<RecordedEvent[]> {
  await awaitReadable(engine.store);
  return engine.store.readAll({ maxCount: 1_000_000 });
}

/** Counts by event type, less those of the supervision part: what the enterprises and declarations plan wrote. */
const without = (all: Record<string, number>, part: Record<string, number>): Record<string, number> =>
  Object.fromEntries(Object.entries(all).flatMap(([t, n]) => (n - (part[t] ?? 0) > 0 ? [[t, n - (part[t] ?? 0)]] : [])));

const count = async (engine: Engine, query: RawBuilder<unknown>): Promise<number> => {
  const { rows } = await query.execute(engine.database.db);
  return Number((rows[0] as { n: string }).n);
};

describe('regledger seed on a real store', () => {
  const plan = generateSeedPlan(OPTIONS);
  let first: Opened;
  let report: SeedReport;
  let supervision: SupervisionReport;

  beforeAll(async () => {
    first = await openFresh();
    report = await runSeedPlan(first.engine, plan);
    supervision = report.supervision!;
    await first.engine.projectionEngine().catchUp();
  });

  afterAll(async () => {
    await first.engine.close().catch(() => undefined);
    await first.cleanup();
  });

  it('writes every planned event, each command answered as the plan expected', () => {
    expect(report.divergences).toEqual([]);
    expect(report.stepsDone).toBe(plan.steps.length);
    expect(supervision.skipped).toBeNull();
    expect(report.eventsWritten).toBe(plan.expectedEvents + supervision.eventsWritten);
    expect(without(report.eventsByType, supervision.eventsByType)).toEqual(plan.expectedEventsByType);
    expect(report.eventsPerSecond).toBeGreaterThan(0);
  });

  it('leaves a log that verifies', async () => {
    const verification = await verifyLog(first.engine.store, first.engine.database.db);
    expect(verification.ok).toBe(true);
    expect(verification.eventsChecked).toBe(report.eventsWritten);
  });

  it('fills the enterprises read model', async () => {
    const { engine } = first;
    expect(await count(engine, sql`select count(*)::text as n from enterprises`)).toBe(30);
    expect(await count(engine, sql`select count(*)::text as n from enterprises where status = 'deregistered'`)).toBe(plan.stepsByType.DeregisterEnterprise);
    expect(await count(engine, sql`select count(*)::text as n from enterprises where jurisdiction like '44%' and uscc like '91' || jurisdiction || '%'`)).toBe(30);
    expect(await count(engine, sql`select count(*)::text as n from enterprises where jsonb_array_length(former_names) > 0`)).toBe(plan.stepsByType.RenameEnterprise);
  });

  it('fills the declarations read model: late, abolished and re-declared ones among them', async () => {
    const { engine } = first;
    expect(await count(engine, sql`select count(*)::text as n from declarations`)).toBe(plan.declarations);
    expect(await count(engine, sql`select count(*)::text as n from declarations where late`)).toBeGreaterThanOrEqual(1);
    expect(await count(engine, sql`select count(*)::text as n from declarations where status = 'abolished'`)).toBe(plan.stepsByType.AbolishDeclaration);
    expect(await count(engine, sql`select count(*)::text as n from declaration_versions where version > 1`)).toBe(plan.stepsByType.ReviseDeclaration);
    const redeclaredIds = (await allEvents(engine)).filter((e) => e.type === 'DeclarationRedeclared').map((e) => (e.data as { declarationId: string }).declarationId);
    const pending = await count(engine, sql`select count(*)::text as n from declarations where status = 'to_be_redeclared'`);
    const redeclared = redeclaredIds.length
      ? await count(engine, sql`select count(*)::text as n from declarations d join enterprises e on e.uscc = d.uscc
          where d.declaration_id = any(${redeclaredIds}::text[]) and d.enterprise_name = e.name`)
      : 0;
    expect(pending + redeclared).toBeGreaterThanOrEqual(1);
  });

  it('writes the supervision data: inspectors, complaints at every stage, a verified draw, inspections done and published', async () => {
    const { engine } = first;
    expect(await count(engine, sql`select count(*)::text as n from inspectors`)).toBe(supervision.inspectors);
    expect(supervision.inspectors).toBe(4 + 3 * SEED_PROVINCES['44'].cities.length);
    expect(await count(engine, sql`select count(*)::text as n from inspectors where jurisdiction = '440000'`)).toBe(4);
    expect(await count(engine, sql`select count(*)::text as n from inspectors where not active`)).toBe(1);
    expect(await count(engine, sql`select count(*)::text as n from inspectors where jsonb_array_length(conflicts) > 0`)).toBeGreaterThanOrEqual(1);
    expect(await count(engine, sql`select count(*)::text as n from inspectors where jsonb_array_length(qualifications) > 1`)).toBeGreaterThanOrEqual(1);

    const byStatus = Object.fromEntries(
      ((await sql`select status, count(*)::int as n from complaints group by status`.execute(engine.database.db)).rows as { status: string; n: number }[]).map((x) => [x.status, x.n]),
    );
    expect(byStatus).toEqual(supervision.complaintsByStatus);
    expect(Object.keys(byStatus).sort()).toEqual(['accepted', 'closed', 'received']);
    expect(await count(engine, sql`select count(*)::text as n from complaints where mediation_outcome = 'agreement'`)).toBeGreaterThanOrEqual(1);
    expect(await count(engine, sql`select count(*)::text as n from complaints where mediation_outcome = 'failure'`)).toBeGreaterThanOrEqual(1);
    const events = await allEvents(engine);
    expect(events.filter((e) => e.type === 'ReporterNotified')).not.toHaveLength(0);
    const escalations = events.filter((e) => e.type === 'ComplaintEscalated');
    expect(escalations).toHaveLength(1);

    expect(supervision.planId).toMatch(/^PLAN-/);
    expect(await count(engine, sql`select count(*)::text as n from inspection_plans where status = 'drawn'`)).toBe(1);
    const verified = await verifySeededDraw(engine.store, supervision.planId!);
    expect({ matches: verified.matches, differences: verified.differences }).toEqual({ matches: true, differences: [] });

    expect(supervision.drawnTargets).toBeGreaterThanOrEqual(2);
    expect(await count(engine, sql`select count(*)::text as n from inspections where origin_type = 'random'`)).toBe(supervision.drawnTargets);
    expect(await count(engine, sql`select count(*)::text as n from inspections where origin_type = 'targeted' and reference = ${(escalations[0].data as { complaintId: string }).complaintId}`)).toBe(1);
    expect(await count(engine, sql`select count(*)::text as n from inspections where status = 'completed'`)).toBe(supervision.inspectionsCompleted);
    expect(supervision.inspectionsCompleted).toBe(supervision.inspectionsOpened);
    expect(await count(engine, sql`select count(*)::text as n from inspections where outcome = 'conforming'`)).toBeGreaterThan(supervision.inspectionsNonConforming);
    expect(await count(engine, sql`select count(*)::text as n from inspections where outcome = 'non_conforming'`)).toBeGreaterThanOrEqual(1);
    expect(await count(engine, sql`select count(*)::text as n from inspections where published_on is not null`)).toBe(supervision.inspectionsPublished);
    expect(supervision.inspectionsPublished).toBe(supervision.inspectionsCompleted - 1);
  });

  it('sends the re-declaration requirement exactly as the rename policy would, so the running policy adds nothing', async () => {
    const { engine } = first;
    const handler = new DeclarationCommandHandler(engine.runtime, engine.store, DEFAULT_DECLARATION_POLICY);
    const results: CommandResult[] = [];
    const commandBus = { execute: async (command: DeclarationBusCommand) => results[results.push(await handler.execute(command)) - 1] };
    const policy = declarationsContext.policies!({ commandBus, clock: () => new Date() } as never).find((p) => p.handles.includes('EnterpriseRenamed'))!;
    const before = await engine.store.headPosition();
    const events = await allEvents(engine);
    const renames = events.filter((e) => e.type === 'EnterpriseRenamed');
    expect(renames.length).toBeGreaterThanOrEqual(1);
    for (const e of renames) await policy.react(e);
    expect(results.map((r) => r.replayed)).toEqual(renames.map(() => true));
    expect((await engine.store.headPosition())?.globalPosition).toBe(before?.globalPosition);
    for (const rename of renames) {
      const required = events.find((e) => e.type === 'RedeclarationRequired' && (e.data as { sourceEventId: string }).sourceEventId === rename.id)!;
      expect(required.metadata.actorId).toBe(`system:${policy.name}`);
      expect(required.metadata.idempotencyKey).toBe(`policy:${policy.name}:${rename.id}`);
      expect(required.metadata.causationId).toBe(rename.id);
    }
  });

  it('writes the same sequence of event types when the same seed goes into another fresh store', async () => {
    const second = await openFresh();
    try {
      const again = await runSeedPlan(second.engine, generateSeedPlan(OPTIONS));
      const types = (await allEvents(second.engine)).map((e) => `${e.streamId.split('-')[0]}:${e.type}`);
      const firstTypes = (await allEvents(first.engine)).map((e) => `${e.streamId.split('-')[0]}:${e.type}`);
      expect(types).toHaveLength(again.eventsWritten);
      expect(firstTypes).toHaveLength(report.eventsWritten);
      // The draw's seed hashes the pool together with its log position. PGlite numbers a fresh log the same
      // way every time; PostgreSQL positions come from transaction ids that differ between databases, so
      // there the drawn targets (and the number of findings on their products) may differ. Up to the
      // draw, and apart from findings, the sequence is the same everywhere.
      const throughDraw = (ts: string[]): string[] => ts.slice(0, ts.findIndex((x) => x.endsWith(':InspectionsDrawn')) + 1);
      const withoutFindings = (ts: string[]): string[] => ts.filter((x) => !x.endsWith(':FindingsRecorded'));
      expect(throughDraw(types).length).toBeGreaterThan(0);
      expect(throughDraw(types)).toEqual(throughDraw(firstTypes));
      expect(withoutFindings(types)).toEqual(withoutFindings(firstTypes));
      if (!process.env.DATABASE_URL) {
        expect(again.eventsWritten).toBe(report.eventsWritten);
        expect(types).toEqual(firstTypes);
      }
    } finally {
      await second.engine.close();
      await second.cleanup();
    }
  });

  it('refuses, as a command, a log that already holds events unless --append is given; appending the same plan writes nothing twice', async () => {
    const head = await first.engine.store.headPosition();
    await first.engine.close();
    const saved = Object.fromEntries(Object.keys(first.env).map((k) => [k, process.env[k]]));
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const stdout = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      Object.assign(process.env, first.env);
      const values = { enterprises: '30', seed: '42', province: '44', now: OPTIONS.now };
      expect(await seedCommand.run({ values, positionals: [] })).toBe(2);
      expect(stderr.mock.calls.map((c) => String(c[0])).join('')).toContain('--append');
      expect(await seedCommand.run({ values: { ...values, append: true, json: true }, positionals: [] })).toBe(0);
      const printed = JSON.parse(stdout.mock.calls.map((c) => String(c[0])).join('')) as SeedReport;
      expect(printed.eventsWritten).toBe(0);
      expect(printed.eventsReplayed).toBe(report.eventsWritten);
      expect(printed.supervision?.eventsWritten).toBe(0);
    } finally {
      stderr.mockRestore();
      stdout.mockRestore();
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
    first.engine = await openEngine(loadEngineConfig(first.env), CONTEXTS);
    expect((await first.engine.store.headPosition())?.globalPosition).toBe(head?.globalPosition);
  });
});
