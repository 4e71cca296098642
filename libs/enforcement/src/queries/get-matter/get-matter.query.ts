import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { sql } from 'kysely';
import type { Actor } from '@regledger/shared';
import type { AnyDb } from '@regledger/database';
import { READ_DB } from '@regledger/engine';
import { MATTER_ERROR_CODES, assertMayRead, matterNotFound } from '../../domain/index.js';
import { MATTER_COLUMNS, timelineOf, toMatterView, type MatterRow, type MatterView, type StepView } from '../enforcement.view.js';

export interface MatterPage extends MatterView {
  timeline: StepView[];
}

export class GetMatterQuery extends Query<MatterPage> {
  constructor(
    readonly matterId: string,
    readonly actor: Actor,
    readonly today: string,
  ) {
    super();
  }
}

/** One matter with its deadlines as of today and its timeline; 404 when unknown, 403 when the reader may not see it. */
@QueryHandler(GetMatterQuery)
export class GetMatterHandler implements IQueryHandler<GetMatterQuery, MatterPage> {
  constructor(@Inject(READ_DB) private readonly db: AnyDb) {}

  async execute({ matterId, actor, today }: GetMatterQuery): Promise<MatterPage> {
    const r = await sql<MatterRow>`select ${sql.raw(MATTER_COLUMNS)} from enforcement_matters where matter_id = ${matterId}`.execute(this.db);
    if (!r.rows.length) throw matterNotFound(matterId);
    const row = r.rows[0];
    assertMayRead(actor, { id: matterId, jurisdiction: row.state.jurisdiction, uscc: row.state.uscc }, MATTER_ERROR_CODES.FORBIDDEN);
    return { ...toMatterView(row, today), timeline: await timelineOf(this.db, matterId) };
  }
}
