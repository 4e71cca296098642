import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { sql } from 'kysely';
import { NotFoundError, type Actor } from '@regledger/shared';
import type { AnyDb } from '@regledger/database';
import { READ_DB } from '@regledger/engine';
import { PersonalDataVault } from '@regledger/personal-data';
import { COMPLAINT_ERROR_CODES, assertMayReadComplaint } from '../../domain/index.js';
import { COMPLAINT_COLUMNS, toComplaintViews, type ComplaintRow, type ComplaintView } from '../complaint.view.js';

export interface ComplaintStepView {
  revision: number;
  type: string;
  on: string | null;
  recordedAt: string;
  recordedBy: { actorId: string; role: string };
  eventId: string;
}

export interface ComplaintPage extends ComplaintView {
  timeline: ComplaintStepView[];
}

export class GetComplaintQuery extends Query<ComplaintPage> {
  constructor(
    readonly complaintId: string,
    readonly actor: Actor,
    readonly today: string,
  ) {
    super();
  }
}

/** One complaint with its timeline; 404 when unknown, 403 when the reader may not see it. */
@QueryHandler(GetComplaintQuery)
export class GetComplaintHandler implements IQueryHandler<GetComplaintQuery, ComplaintPage> {
  constructor(
    @Inject(READ_DB) private readonly db: AnyDb,
    @Inject(PersonalDataVault) private readonly personalData: PersonalDataVault,
  ) {}

  async execute({ complaintId, actor, today }: GetComplaintQuery): Promise<ComplaintPage> {
    const r = await sql<ComplaintRow>`select ${sql.raw(COMPLAINT_COLUMNS)} from complaints where complaint_id = ${complaintId}`.execute(this.db);
    if (!r.rows.length) throw new NotFoundError(COMPLAINT_ERROR_CODES.NOT_FOUND, `no complaint ${complaintId}`, { complaintId });
    const row = r.rows[0];
    assertMayReadComplaint(actor, { complaintId, jurisdiction: row.jurisdiction, uscc: row.uscc });
    const steps = await sql<{ stream_revision: string; event_type: string; step_on: string | null; recorded_at: Date; actor_id: string; actor_role: string; event_id: string }>`
      select stream_revision::text as stream_revision, event_type, to_char(step_on, 'YYYY-MM-DD') as step_on, recorded_at, actor_id, actor_role, event_id
      from complaint_timeline where complaint_id = ${complaintId} order by complaint_timeline.stream_revision`.execute(this.db);
    return {
      ...(await toComplaintViews([row], actor, today, this.personalData))[0],
      timeline: steps.rows.map((s) => ({
        revision: Number(s.stream_revision),
        type: s.event_type,
        on: s.step_on,
        recordedAt: new Date(s.recorded_at).toISOString(),
        recordedBy: { actorId: s.actor_id, role: s.actor_role },
        eventId: s.event_id,
      })),
    };
  }
}
