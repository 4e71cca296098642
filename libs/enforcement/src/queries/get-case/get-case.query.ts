import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { sql } from 'kysely';
import type { Actor } from '@regledger/shared';
import type { AnyDb } from '@regledger/database';
import { READ_DB } from '@regledger/engine';
import { CASE_ERROR_CODES, assertMayRead, caseNotFound } from '../../domain/index.js';
import { CASE_COLUMNS, timelineOf, toCaseView, type CaseRow, type CaseView, type StepView } from '../enforcement.view.js';

export interface CasePage extends CaseView {
  timeline: StepView[];
}

export class GetCaseQuery extends Query<CasePage> {
  constructor(
    readonly caseId: string,
    readonly actor: Actor,
    readonly today: string,
  ) {
    super();
  }
}

/** One case with its deadlines as of today and its timeline; 404 when unknown, 403 when the reader may not see it. */
@QueryHandler(GetCaseQuery)
export class GetCaseHandler implements IQueryHandler<GetCaseQuery, CasePage> {
  constructor(@Inject(READ_DB) private readonly db: AnyDb) {}

  async execute({ caseId, actor, today }: GetCaseQuery): Promise<CasePage> {
    const r = await sql<CaseRow>`select ${sql.raw(CASE_COLUMNS)} from enforcement_cases where case_id = ${caseId}`.execute(this.db);
    if (!r.rows.length) throw caseNotFound(caseId);
    const row = r.rows[0];
    assertMayRead(actor, { id: caseId, jurisdiction: row.state.jurisdiction, uscc: row.state.uscc }, CASE_ERROR_CODES.FORBIDDEN);
    return { ...toCaseView(row, today), timeline: await timelineOf(this.db, caseId) };
  }
}
