import type { CommandBus } from '@nestjs/cqrs';
import { sql } from 'kysely';
import type { AnyDb } from '@regledger/database';
import { dueRowsSchedule, type ScheduledTask } from '@regledger/engine';
import { CREDIT_STATUTORY_PERIODS } from '../domain/index.js';
import { removeFromSeriousViolationList } from '../commands/remove-from-serious-violation-list/remove-from-serious-violation-list.command.js';
import { listSeriousViolation } from '../commands/list-serious-violation/list-serious-violation.command.js';
import { seriousListingIdForAbnormal } from '../credit-id.js';

interface ListingRow {
  listing_id: string;
  uscc: string;
  due_on: string;
}

/** A serious-violation listing ends when its 3 years have passed (SAMR Order 44): one removal per listing. */
export const seriousViolationTermSchedule = (commandBus: CommandBus, db: AnyDb): ScheduledTask =>
  dueRowsSchedule<ListingRow>({
    name: 'credit.serious-violation-term',
    commandBus,
    async due(today, after, limit) {
      const r = await sql<ListingRow>`select listing_id, uscc, to_char(listed_until, 'YYYY-MM-DD') as due_on from credit_listings
        where list = 'serious_violation' and removed_on is null and listed_until <= ${today}::date and listing_id > ${after}
        order by listing_id limit ${limit}`.execute(db);
      return r.rows;
    },
    keyOf: (row) => row.listing_id,
    idempotencyKeyOf: (row) => `serious-term:${row.listing_id}`,
    commandFor: (row, metadata) => removeFromSeriousViolationList({ uscc: row.uscc, listingId: row.listing_id, reason: 'term_elapsed', on: row.due_on }, metadata),
  });

/** An abnormal listing uncured for 3 years moves the enterprise to the serious-violation list (domain.md §8): one listing per abnormal listing. */
export const abnormalThreeYearsSchedule = (commandBus: CommandBus, db: AnyDb): ScheduledTask =>
  dueRowsSchedule<ListingRow>({
    name: 'credit.abnormal-three-years',
    commandBus,
    async due(today, after, limit) {
      const r = await sql<ListingRow>`select listing_id, uscc, to_char((placed_on + make_interval(years => ${CREDIT_STATUTORY_PERIODS.abnormalToSeriousYears}::int))::date, 'YYYY-MM-DD') as due_on
        from credit_listings
        where list = 'abnormal' and removed_on is null and escalated_to is null
          and (placed_on + make_interval(years => ${CREDIT_STATUTORY_PERIODS.abnormalToSeriousYears}::int))::date <= ${today}::date and listing_id > ${after}
        order by listing_id limit ${limit}`.execute(db);
      return r.rows;
    },
    keyOf: (row) => row.listing_id,
    idempotencyKeyOf: (row) => `abnormal-three-years:${row.listing_id}`,
    commandFor: (row, metadata) =>
      listSeriousViolation({ uscc: row.uscc, listingId: seriousListingIdForAbnormal(row.listing_id), grounds: { kind: 'abnormal_three_years', listingId: row.listing_id }, on: row.due_on }, metadata),
  });
