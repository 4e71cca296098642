import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { sql } from 'kysely';
import type { AnyDb } from '@regledger/database';
import { READ_DB } from '@regledger/engine';

/** What the public sees of a listing: who, why, since when and until when; nothing else (SAMR Order 44; domain.md §8). */
export interface PublicListing {
  listingId: string;
  uscc: string;
  enterpriseName: string | null;
  reason: string;
  listedOn: string;
  listedUntil: string | null;
}

export interface PublicListPage {
  total: number;
  limit: number;
  offset: number;
  items: PublicListing[];
}

export class PublicListQuery extends Query<PublicListPage> {
  constructor(
    readonly list: 'abnormal' | 'serious_violation',
    readonly limit: number,
    readonly offset: number,
    readonly uscc?: string,
  ) {
    super();
  }
}

/** The current listings of one list, newest first. */
@QueryHandler(PublicListQuery)
export class PublicListHandler implements IQueryHandler<PublicListQuery, PublicListPage> {
  constructor(@Inject(READ_DB) private readonly db: AnyDb) {}

  async execute({ list, limit, offset, uscc }: PublicListQuery): Promise<PublicListPage> {
    const where = sql`list = ${list} and removed_on is null${uscc ? sql` and uscc = ${uscc}` : sql``}`;
    const total = await sql<{ n: string }>`select count(*)::text as n from credit_listings where ${where}`.execute(this.db);
    const r = await sql<{ listing_id: string; uscc: string; enterprise_name: string | null; reason: string; placed_on: string; listed_until: string | null }>`
      select listing_id, uscc, enterprise_name, reason, to_char(placed_on, 'YYYY-MM-DD') as placed_on, to_char(listed_until, 'YYYY-MM-DD') as listed_until
      from credit_listings where ${where} order by placed_on desc, listing_id limit ${limit} offset ${offset}`.execute(this.db);
    return {
      total: Number(total.rows[0].n),
      limit,
      offset,
      items: r.rows.map((row) => ({ listingId: row.listing_id, uscc: row.uscc, enterpriseName: row.enterprise_name, reason: row.reason, listedOn: row.placed_on, listedUntil: row.listed_until })),
    };
  }
}
