import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { CommandBus } from '@nestjs/cqrs';
import type { Database } from '@regledger/database';
import { createTestDatabase } from '@regledger/database/testing';
import { readModelRuntimeMigrations } from '@regledger/read-models';
import { ProjectionSpec, recorded } from '@regledger/read-models/testing';
import { DEFAULT_CREDIT_POLICY, creditStreamId, type CreditEvent } from '../domain/index.js';
import { loadCreditConfig } from '../credit.config.js';
import { creditProjection } from '../projections/credit.projection.js';
import type { CreditBusCommand } from '../commands/credit-command.handler.js';
import { creditReclassificationSchedule } from './credit-reclassification.schedule.js';

const USCC = '914403001922038216';
/** The commands a schedule sends, kept instead of executed. */
const recordingBus = (): { bus: CommandBus; sent: CreditBusCommand[] } => {
  const sent: CreditBusCommand[] = [];
  return { bus: { execute: async (c: CreditBusCommand) => void sent.push(c) } as unknown as CommandBus, sent };
};

describe('daily reclassification schedule', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase(readModelRuntimeMigrations);
  });
  afterAll(async () => {
    await database.close();
  });

  // A failed inspection on 2024-11-10 counts 24 months under version 0: it stops counting on 2026-11-10.
  const events: CreditEvent[] = [
    { type: 'CreditEntryRecorded', data: { uscc: USCC, entryId: 'inspection_failed:1', kind: 'inspection_failed', occurredOn: '2024-11-10', matterId: null, caseId: null, sources: [], summary: 'failed' } },
    { type: 'RiskClassChanged', data: { uscc: USCC, from: null, to: 'C', score: 70, policyVersion: 0, on: '2024-11-10', cause: { entryId: 'inspection_failed:1', reason: 'entry' } } },
  ];
  const run = async (lookbackDays: number): Promise<{ keys: (string | undefined)[]; commandsSent: number }> => {
    const { bus, sent } = recordingBus();
    let commandsSent = 0;
    await ProjectionSpec.for(creditProjection, database.db)
      .given(events.map((e, i) => recorded<unknown>(creditStreamId(USCC), i, e)))
      .then(async (db) => {
        ({ commandsSent } = await creditReclassificationSchedule(bus, db, { reclassifyLookbackDays: lookbackDays }).run(new Date('2026-11-16T02:00:00Z')));
      });
    return { keys: sent.map((c) => c.metadata.idempotencyKey), commandsSent };
  };

  it('given an entry that stopped counting 6 days ago, when the schedule runs with the default look-back (30 days), then one Reclassify keyed by the expiry', async () => {
    expect(await run(DEFAULT_CREDIT_POLICY.reclassifyLookbackDays)).toEqual({ keys: [`reclassify:${USCC}:expiry:2026-11-10`], commandsSent: 1 });
  });

  it('given the same entry, when CREDIT_RECLASSIFY_LOOKBACK_DAYS=5 is loaded, then the expiry is outside the look-back and nothing is sent', async () => {
    const config = loadCreditConfig({ CREDIT_RECLASSIFY_LOOKBACK_DAYS: '5' });
    expect(await run(config.reclassifyLookbackDays)).toEqual({ keys: [], commandsSent: 0 });
  });
});
