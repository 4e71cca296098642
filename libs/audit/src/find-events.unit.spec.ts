import { describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from '@regledger/event-store';
import { EventMatcher, PageCollector } from './find-events.js';
import { foldFor } from './audit-event.js';
import { parseInstant } from './audit-input.js';

const USCC = '914403001922038216';
let position = 0n;
const recorded = (streamId: string, type: string, data: unknown, over: { actorId?: string; recordedAt?: string } = {}): RecordedEvent => {
  position += 1n;
  return {
    id: `e${position}`,
    streamId,
    revision: 0n,
    globalPosition: position,
    position: { commit: position, prepare: position },
    type,
    schemaVersion: 1,
    storedSchemaVersion: 1,
    data,
    metadata: { actorId: over.actorId ?? 'u1', actorRole: 'supervisor', jurisdiction: '440000', correlationId: 'c', causationId: null, idempotencyKey: null, reason: null },
    recordedAt: new Date(over.recordedAt ?? '2026-10-12T00:00:00Z'),
    businessTime: null,
    prevHash: '',
    hash: '',
  };
};

describe('PageCollector', () => {
  it('given 7 matches fed in order, when the page is offset 2 limit 3, then it keeps the 3rd to 5th and counts all 7', () => {
    const page = new PageCollector<number>({ limit: 3, offset: 2 });
    for (let i = 1; i <= 7; i += 1) page.offer(() => i);
    expect({ items: page.items, total: page.total }).toEqual({ items: [3, 4, 5], total: 7 });
  });

  it('given an offset past the matches, when fed, then the page is empty and the total still counts', () => {
    const page = new PageCollector<number>({ limit: 20, offset: 10 });
    let built = 0;
    for (let i = 1; i <= 4; i += 1)
      page.offer(() => {
        built += 1;
        return i;
      });
    expect({ items: page.items, total: page.total, built }).toEqual({ items: [], total: 4, built: 0 });
  });
});

describe('EventMatcher', () => {
  it('given a USCC, when events are fed in order, then its own streams, events naming it and later events of those streams match', () => {
    const m = new EventMatcher({ uscc: USCC });
    const events = [
      recorded(`enterprise-${USCC}`, 'EnterpriseRegistered', { uscc: USCC }),
      recorded('case-1', 'CaseOpened', { caseId: '1', uscc: USCC }),
      recorded('case-1', 'PenaltyDecided', { caseId: '1' }),
      recorded('case-2', 'PenaltyDecided', { caseId: '2' }),
      recorded(`matters-${USCC}-abc`, 'MatterStepRecorded', {}),
    ];
    expect(events.filter((e) => m.matches(e)).map((e) => e.id)).toEqual([events[0].id, events[1].id, events[2].id, events[4].id]);
  });

  it('given a time window, a type list and an actor, when matched, then from is inclusive and to exclusive', () => {
    const m = new EventMatcher({ from: new Date('2026-10-12T00:00:00Z'), to: new Date('2026-10-13T00:00:00Z'), types: ['A', 'B'], actor: 'u1' });
    const hits = [
      recorded('s-1', 'A', {}, { recordedAt: '2026-10-12T00:00:00Z' }),
      recorded('s-1', 'B', {}, { recordedAt: '2026-10-12T23:59:59Z' }),
      recorded('s-1', 'A', {}, { recordedAt: '2026-10-13T00:00:00Z' }),
      recorded('s-1', 'C', {}, { recordedAt: '2026-10-12T10:00:00Z' }),
      recorded('s-1', 'A', {}, { recordedAt: '2026-10-12T10:00:00Z', actorId: 'u2' }),
      recorded('s-1', 'A', {}, { recordedAt: '2026-10-11T23:59:59Z' }),
    ].map((e) => m.matches(e));
    expect(hits).toEqual([true, true, false, false, false, false]);
  });
});

describe('foldFor', () => {
  it('given overlapping prefixes, when a stream id is resolved, then the longest prefix wins', () => {
    const f = (prefix: string) => ({ prefix, description: prefix, fold: () => prefix });
    const contexts = [{ name: 'credit', streams: [f('credit-'), f('credit-scoring-policy')] }, { name: 'complaints', streams: [f('complaint-'), f('complainant-reads-')] }];
    expect(foldFor(contexts, 'credit-scoring-policy')?.fold.prefix).toBe('credit-scoring-policy');
    expect(foldFor(contexts, `credit-${USCC}`)?.fold.prefix).toBe('credit-');
    expect(foldFor(contexts, 'complainant-reads-x')?.fold.prefix).toBe('complainant-reads-');
    expect(foldFor(contexts, 'unknown-1')).toBeNull();
  });
});

describe('parseInstant', () => {
  it('given a date, an instant with a zone and bad values, when parsed, then dates start the China day and bad values name the field', () => {
    const errors: { field: string }[] = [];
    expect(parseInstant('asOf', '2026-10-12', errors as never)?.toISOString()).toBe('2026-10-11T16:00:00.000Z');
    expect(parseInstant('asOf', '2026-10-12T08:00:00+08:00', errors as never)?.toISOString()).toBe('2026-10-12T00:00:00.000Z');
    expect(errors).toEqual([]);
    for (const bad of ['2026-10-12T08:00:00', 'yesterday', '2026-13-01']) parseInstant('asOf', bad, errors as never);
    expect(errors.map((e) => e.field)).toEqual(['asOf', 'asOf', 'asOf']);
  });
});
