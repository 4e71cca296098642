import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { sql } from 'kysely';
import { NotFoundError } from '@regledger/shared';
import type { AnyDb } from '@regledger/database';
import { READ_DB } from '@regledger/engine';
import { CREDIT_ERROR_CODES } from '../../domain/index.js';

export class FindRepairQuery extends Query<{ repairId: string; uscc: string }> {
  constructor(readonly repairId: string) {
    super();
  }
}

/** The enterprise a repair application belongs to (the decision route names the repair only); 404 when unknown. */
@QueryHandler(FindRepairQuery)
export class FindRepairHandler implements IQueryHandler<FindRepairQuery, { repairId: string; uscc: string }> {
  constructor(@Inject(READ_DB) private readonly db: AnyDb) {}

  async execute({ repairId }: FindRepairQuery): Promise<{ repairId: string; uscc: string }> {
    const r = await sql<{ uscc: string }>`select uscc from credit_repairs where repair_id = ${repairId}`.execute(this.db);
    if (!r.rows.length) throw new NotFoundError(CREDIT_ERROR_CODES.REPAIR_NOT_FOUND, `no repair ${repairId}`, { repairId });
    return { repairId, uscc: r.rows[0].uscc };
  }
}
