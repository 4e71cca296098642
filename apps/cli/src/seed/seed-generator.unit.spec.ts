import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { isDivisionCode, jurisdictionCovers, jurisdictionPrefix } from '@regledger/shared';
import type { Command, Decider, DomainEvent } from '@regledger/shared';
import { isValidUscc, usccDivisionCode } from '@regledger/enterprises';
import {
  KEY_CATEGORIES,
  parseStandardNumber,
  standardNatureMatchesMandatory,
  standardNumberFitsKind,
  usccOfDeclarationId,
} from '@regledger/declarations';
import type { DeclarationContent } from '@regledger/declarations';
import { envelopeMetadata, requestHash, scopedIdempotencyKey } from '@regledger/event-store';
import type { CommandResult, RecordedEvent } from '@regledger/event-store';
import { PRODUCT_FAMILIES, SEED_PROVINCES, SEED_STANDARDS, generateSeedPlan, mulberry32, seedStandardKind, seedStandardMandatory } from './seed-generator.js';
import type { SeedOptions, SeedPlan } from './seed-generator.js';
import { RENAME_POLICY_NAME, runSeedPlan } from './seed-runner.js';
import type { SeedTarget } from './seed-runner.js';

const OPTIONS: SeedOptions = { seed: 42, province: '44', enterprises: 200, now: '2026-11-01T00:00:00Z' };
const plan200 = generateSeedPlan(OPTIONS);

const contents = (plan: SeedPlan): DeclarationContent[] =>
  plan.steps.flatMap((s) => (s.type === 'DeclareStandard' || s.type === 'ReviseDeclaration' ? [s.data.content] : []));

/** The decider runtime's behaviour without a database: fold, decide, append, idempotent replays. */
class MemoryTarget implements SeedTarget {
  readonly log: RecordedEvent[] = [];
  private readonly streams = new Map<string, RecordedEvent[]>();
  private readonly keys = new Map<string, { hash: string; result: CommandResult }>();

  readonly store = {
    readStream: async (streamId: string): Promise<RecordedEvent[]> => [...(this.streams.get(streamId) ?? [])],
  };

  readonly runtime = {
    handle: async <C extends Command, E extends DomainEvent, S>(decider: Decider<C, E, S>, streamId: string, command: C): Promise<CommandResult> => {
      const key = scopedIdempotencyKey(command);
      const hash = requestHash(streamId, command);
      if (key && this.keys.has(key)) {
        const earlier = this.keys.get(key)!;
        if (earlier.hash !== hash) throw new Error(`idempotency key ${key} reused with another request`);
        return { ...earlier.result, replayed: true };
      }
      const history = this.streams.get(streamId) ?? [];
      const state = history.reduce((s, e) => decider.evolve(s, { type: e.type, data: e.data } as E), decider.initialState());
      const decided = decider.decide(command, state);
      const recorded = decided.map((e, k): RecordedEvent => {
        const revision = BigInt(history.length + k);
        const position = BigInt(this.log.length + k + 1);
        return {
          id: randomUUID(),
          streamId,
          revision,
          globalPosition: position,
          position: { commit: position, prepare: position },
          type: e.type,
          schemaVersion: 1,
          storedSchemaVersion: 1,
          data: JSON.parse(JSON.stringify(e.data)) as unknown,
          metadata: envelopeMetadata(command),
          recordedAt: new Date(),
          businessTime: null,
          prevHash: '',
          hash: '',
        };
      });
      this.streams.set(streamId, [...history, ...recorded]);
      this.log.push(...recorded);
      const result: CommandResult = { streamId, revision: BigInt(history.length + recorded.length - 1), events: recorded, replayed: false };
      if (key && recorded.length) this.keys.set(key, { hash, result });
      return result;
    },
  };
}

describe('seed generator', () => {
  it('gives the same plan for the same options', () => {
    expect(generateSeedPlan(OPTIONS)).toEqual(plan200);
  });

  it('gives another plan for another seed', () => {
    const other = generateSeedPlan({ ...OPTIONS, seed: 43 });
    expect(other.steps.map((s) => s.uscc)).not.toEqual(plan200.steps.map((s) => s.uscc));
    expect(other.steps[0]).not.toEqual(plan200.steps[0]);
  });

  it('draws the same numbers from mulberry32 for the same seed', () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('orders the steps in time, inside the two years before now', () => {
    const times = plan200.steps.map((s) => Date.parse(s.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(Math.min(...times)).toBeGreaterThanOrEqual(Date.parse(plan200.from));
    expect(Math.max(...times)).toBeLessThan(Date.parse(OPTIONS.now));
  });

  it('registers every enterprise once, with a valid USCC whose positions 3–8 are its district in the province', () => {
    const registrations = plan200.steps.filter((s) => s.type === 'RegisterEnterprise');
    expect(registrations).toHaveLength(200);
    expect(new Set(registrations.map((s) => s.uscc)).size).toBe(200);
    expect(new Set(registrations.map((s) => (s.type === 'RegisterEnterprise' ? s.data.name : ''))).size).toBe(200);
    const divisions = new Set(SEED_PROVINCES['44'].cities.flatMap((c) => c.districts.map((d) => d.code)));
    for (const s of registrations) {
      if (s.type !== 'RegisterEnterprise') continue;
      expect(isValidUscc(s.uscc)).toBe(true);
      expect(usccDivisionCode(s.uscc)).toBe(s.data.jurisdiction);
      expect(divisions.has(s.data.jurisdiction)).toBe(true);
      expect(s.data.name).toMatch(/^(广州|深圳|珠海|汕头|佛山|江门|阳江|东莞|中山)市.+(有限公司|股份有限公司|有限责任公司)$/);
      expect(s.data.address.startsWith('广东省')).toBe(true);
    }
  });

  it('gives every declaration an id that names its enterprise', () => {
    for (const s of plan200.steps) if (s.type === 'DeclareStandard') expect(usccOfDeclarationId(s.data.declarationId)).toBe(s.uscc);
  });

  it('uses standard numbers that parse, fit their kind and carry the mandatory flag their number says', () => {
    const all = contents(plan200);
    expect(all.length).toBeGreaterThan(500);
    for (const c of all) {
      const parsed = parseStandardNumber(c.standard.number);
      expect(parsed).not.toBeNull();
      expect(parsed!.normalised).toBe(c.standard.number);
      expect(standardNumberFitsKind(c.standard.number, c.standard.kind)).toBe(true);
      expect(standardNatureMatchesMandatory(parsed!, c.standard.mandatory)).toBe(true);
      // The number carries the year of approval; publication may follow early the next year (GB 18401-2010: 2011-01-14).
      expect(Number(c.standard.issuedOn.slice(0, 4)) - parsed!.year).toBeGreaterThanOrEqual(0);
      expect(Number(c.standard.issuedOn.slice(0, 4)) - parsed!.year).toBeLessThanOrEqual(1);
      if (c.standard.kind === 'enterprise' || c.standard.kind === 'group') {
        expect(c.indicators.length).toBeGreaterThan(0);
        for (const i of c.indicators) expect(i.testMethod).toBeTruthy();
      }
      if (c.belowRecommended.flagged) {
        expect(c.belowRecommended.explanation).toBeTruthy();
        expect(parseStandardNumber(c.belowRecommended.referenceStandard!)?.nature).toBe('recommended');
      }
    }
    expect(new Set(all.map((c) => c.standard.kind))).toEqual(new Set(['national', 'industry', 'local', 'group', 'enterprise']));
    expect(all.some((c) => c.belowRecommended.flagged)).toBe(true);
  });

  it('keeps a catalogue of numbers that parse as the kind and nature the generator gives them', () => {
    const numbers = new Set(SEED_STANDARDS.map((s) => s.number));
    for (const s of SEED_STANDARDS) {
      const parsed = parseStandardNumber(s.number);
      expect(parsed?.normalised).toBe(s.number);
      expect(parsed?.kind).toBe(seedStandardKind(s.number));
      expect(standardNatureMatchesMandatory(parsed!, seedStandardMandatory(s.number))).toBe(true);
    }
    for (const families of Object.values(PRODUCT_FAMILIES)) {
      for (const f of families) {
        for (const n of f.standards) expect(numbers.has(n)).toBe(true);
        if (f.reference) expect(parseStandardNumber(f.reference)?.nature).toBe('recommended');
      }
    }
    for (const n of ['GB 4706.1-2005', 'GB/T 18801-2022', 'GB 6675.1-2014', 'GB 31701-2015', 'FZ/T 81014-2008', 'FZ/T 73025-2013', 'DB36/T 1659-2022', 'DB4201/T 678-2023', 'T/XZYC 0055-2024', 'T/PCA 004-2023']) {
      expect(numbers.has(n)).toBe(true);
    }
  });

  it('covers all 15 key categories and other', () => {
    const categories = new Set(contents(plan200).flatMap((c) => c.products.map((p) => p.category)));
    for (const c of KEY_CATEGORIES) expect(categories.has(c)).toBe(true);
    expect(categories.has('other')).toBe(true);
  });

  it('plans the reviews, renames and deregistrations in realistic shares', () => {
    const n = plan200.stepsByType;
    const declared = n.DeclareStandard;
    expect(declared).toBe(plan200.declarations);
    expect(n.ReviseDeclaration / declared).toBeGreaterThan(0.1);
    expect(n.ReviseDeclaration / declared).toBeLessThan(0.2);
    expect(n.ConfirmDeclaration / declared).toBeGreaterThan(0.05);
    expect(n.ConfirmDeclaration / declared).toBeLessThan(0.15);
    expect(n.AbolishDeclaration / declared).toBeGreaterThan(0.02);
    expect(n.AbolishDeclaration / declared).toBeLessThan(0.08);
    expect(n.RenameEnterprise).toBe(6);
    expect(n.RequireRedeclaration).toBe(6);
    expect(n.RedeclareStandard).toBeGreaterThan(0);
    expect(n.DeregisterEnterprise).toBe(2);
    const late = plan200.expectedEventsByType.DeclarationMarkedLate / declared;
    expect(late).toBeGreaterThan(0.05);
    expect(late).toBeLessThan(0.2);
  });

  it('follows every rename with the re-declaration requirement, before anything else of that enterprise', () => {
    plan200.steps.forEach((s, k) => {
      if (s.type !== 'RenameEnterprise') return;
      const next = plan200.steps.slice(k + 1).find((x) => x.uscc === s.uscc);
      expect(next?.type).toBe('RequireRedeclaration');
    });
  });

  it.each(['33', '32'])('plans province %s from its own division table', (province) => {
    const plan = generateSeedPlan({ ...OPTIONS, province, enterprises: 40 });
    const divisions = new Set(SEED_PROVINCES[province].cities.flatMap((c) => c.districts.map((d) => d.code)));
    for (const s of plan.steps) {
      if (s.type !== 'RegisterEnterprise') continue;
      expect(isValidUscc(s.uscc)).toBe(true);
      expect(divisions.has(s.data.jurisdiction)).toBe(true);
    }
  });

  it('has a division table for each of the 31 mainland provincial-level divisions, coded as GB/T 2260 nests them', () => {
    const provinces = Object.keys(SEED_PROVINCES);
    expect(provinces).toEqual(['11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65']);
    for (const key of provinces) {
      const province = SEED_PROVINCES[key];
      expect(province.code).toBe(key);
      expect(province.cities.length).toBeGreaterThanOrEqual(1);
      const codes = new Set<string>();
      for (const city of province.cities) {
        expect(isDivisionCode(city.code)).toBe(true);
        expect(jurisdictionPrefix(city.code)).toBe(city.code.slice(0, 4));
        expect(city.code.startsWith(key)).toBe(true);
        expect(city.initials).toMatch(/^[A-Z]{2,4}$/);
        expect(city.weight).toBeGreaterThan(0);
        expect(city.districts.length).toBeGreaterThanOrEqual(1);
        for (const d of city.districts) {
          expect(isDivisionCode(d.code)).toBe(true);
          // A district lies under its city; a city without districts stands for itself, unnamed (Dongguan, Zhongshan, Danzhou).
          expect(d.code.slice(0, 4)).toBe(city.code.slice(0, 4));
          expect(d.code === city.code).toBe(d.name === '');
          expect(d.towns.length).toBeGreaterThanOrEqual(1);
          expect(codes.has(d.code)).toBe(false);
          codes.add(d.code);
        }
      }
      // Every hotspot names a city or a district of the table, or placeFor would silently fall back.
      for (const hotspots of Object.values(province.hotspots)) {
        for (const code of hotspots ?? []) expect(codes.has(code) || province.cities.some((c) => c.code === code)).toBe(true);
      }
    }
  });

  it.each(Object.keys(SEED_PROVINCES))('plans province %s with valid USCCs registered in its own divisions, and the deciders accept it', async (province) => {
    const table = SEED_PROVINCES[province];
    const plan = generateSeedPlan({ ...OPTIONS, province, enterprises: 30 });
    expect(plan.province).toBe(province);
    expect(plan.provinceName).toBe(table.name);
    const divisions = new Set(table.cities.flatMap((c) => c.districts.map((d) => d.code)));
    const registrations = plan.steps.flatMap((s) => (s.type === 'RegisterEnterprise' ? [s] : []));
    expect(registrations).toHaveLength(30);
    for (const s of registrations) {
      expect(isValidUscc(s.uscc)).toBe(true);
      expect(usccDivisionCode(s.uscc)).toBe(s.data.jurisdiction);
      expect(isDivisionCode(s.data.jurisdiction)).toBe(true);
      expect(jurisdictionCovers(`${province}0000`, s.data.jurisdiction)).toBe(true);
      expect(divisions.has(s.data.jurisdiction)).toBe(true);
      expect(s.data.address.startsWith(table.name)).toBe(true);
      expect(s.data.address.startsWith(`${table.name}${table.name}`)).toBe(false);
    }
    const report = await runSeedPlan(new MemoryTarget(), plan, { supervision: false });
    expect(report.divergences).toEqual([]);
    expect(report.eventsWritten).toBe(plan.expectedEvents);
  });

  it('refuses unknown provinces and impossible counts', () => {
    expect(() => generateSeedPlan({ ...OPTIONS, province: '99' })).toThrow(RangeError);
    expect(() => generateSeedPlan({ ...OPTIONS, enterprises: 0 })).toThrow(RangeError);
    expect(() => generateSeedPlan({ ...OPTIONS, now: 'yesterday' })).toThrow(RangeError);
  });

  it('passes every step through the deciders with exactly the events it expects', async () => {
    const target = new MemoryTarget();
    const report = await runSeedPlan(target, plan200, { supervision: false });
    expect(report.divergences).toEqual([]);
    expect(report.stepsDone).toBe(plan200.steps.length);
    expect(report.eventsWritten).toBe(plan200.expectedEvents);
    expect(report.eventsByType).toEqual(plan200.expectedEventsByType);
    const system = target.log.filter((e) => e.type === 'RedeclarationRequired');
    expect(system.length).toBe(6);
    for (const e of system) {
      expect(e.metadata.actorId).toBe(`system:${RENAME_POLICY_NAME}`);
      expect(e.metadata.idempotencyKey).toMatch(/^policy:declarations\.redeclaration-on-rename:[0-9a-f-]{36}$/);
    }
  });

  it.each([
    [7, '44', 500],
    [1, '33', 60],
    [2, '32', 60],
    [3, '44', 12],
    [4, '44', 1],
  ])('writes seed %i, province %s, %i enterprises without a refused command or a surprise', async (seed, province, enterprises) => {
    const plan = generateSeedPlan({ ...OPTIONS, seed, province, enterprises });
    const report = await runSeedPlan(new MemoryTarget(), plan, { supervision: false });
    expect(report.divergences).toEqual([]);
    expect(report.eventsWritten).toBe(plan.expectedEvents);
  });

  it('replays instead of writing twice when the same plan runs again', async () => {
    const small = generateSeedPlan({ ...OPTIONS, enterprises: 20 });
    const target = new MemoryTarget();
    const first = await runSeedPlan(target, small, { supervision: false });
    const again = await runSeedPlan(target, small, { supervision: false });
    expect(again.eventsWritten).toBe(0);
    expect(again.eventsReplayed).toBe(first.eventsWritten);
    expect(target.log).toHaveLength(first.eventsWritten);
  });
});
