import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { sql } from 'kysely';
import { NotFoundError } from '@regledger/shared';
import type { AnyDb } from '@regledger/database';
import { READ_DB } from '@regledger/engine';
import { DECLARATION_COLUMNS, toDeclarationSummary, type DeclarationRow, type DeclarationSummary } from '../declaration.view.js';

export interface DeclarationVersionView {
  version: number;
  enterpriseName: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  recordedAt: string;
  recordedBy: { actorId: string; role: string };
  reason: string | null;
  eventId: string;
  content: unknown;
}

export interface DeclarationPage extends DeclarationSummary {
  content: unknown;
  lateReasons: unknown[];
  versions: DeclarationVersionView[];
}

export class GetDeclarationQuery extends Query<DeclarationPage> {
  constructor(readonly declarationId: string) {
    super();
  }
}

/** A declaration's page: the current version, every version with who recorded it, when and why, and the indicators. */
@QueryHandler(GetDeclarationQuery)
export class GetDeclarationHandler implements IQueryHandler<GetDeclarationQuery, DeclarationPage> {
  constructor(@Inject(READ_DB) private readonly db: AnyDb) {}

  async execute({ declarationId }: GetDeclarationQuery): Promise<DeclarationPage> {
    const r = await sql<DeclarationRow & { content: unknown; late_reasons: unknown[] }>`
      select ${sql.raw(DECLARATION_COLUMNS)}, content, late_reasons from declarations where declaration_id = ${declarationId}`.execute(this.db);
    if (!r.rows.length) throw new NotFoundError('DECLARATION.NOT_FOUND', `no declaration ${declarationId}`, { declarationId });
    const row = r.rows[0];
    const versions = await sql<{
      version: number;
      enterprise_name: string;
      effective_from: string;
      effective_to: string | null;
      recorded_at: Date;
      actor_id: string;
      actor_role: string;
      reason: string | null;
      event_id: string;
      content: unknown;
    }>`
      select version, enterprise_name, to_char(effective_from, 'YYYY-MM-DD') as effective_from, to_char(effective_to, 'YYYY-MM-DD') as effective_to,
        recorded_at, actor_id, actor_role, reason, event_id, content
      from declaration_versions where declaration_id = ${declarationId} order by version`.execute(this.db);
    return {
      ...toDeclarationSummary(row),
      content: row.content,
      lateReasons: row.late_reasons,
      versions: versions.rows.map((v) => ({
        version: Number(v.version),
        enterpriseName: v.enterprise_name,
        effectiveFrom: v.effective_from,
        effectiveTo: v.effective_to,
        recordedAt: new Date(v.recorded_at).toISOString(),
        recordedBy: { actorId: v.actor_id, role: v.actor_role },
        reason: v.reason,
        eventId: v.event_id,
        content: v.content,
      })),
    };
  }
}
