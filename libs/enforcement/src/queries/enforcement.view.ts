import { sql, type RawBuilder } from 'kysely';
import type { AnyDb } from '@regledger/database';
import { ForbiddenError, jurisdictionPrefix, type Actor } from '@regledger/shared';
import {
  ENFORCEMENT_READER_ROLES,
  isPastDue,
  openCaseDeadlines,
  openMatterDeadlines,
  type CaseState,
  type MatterState,
} from '../domain/index.js';

export interface MatterRow {
  matter_id: string;
  stream_id: string;
  state: MatterState;
  stream_revision: string;
  updated_at: Date | string;
}

export interface CaseRow {
  case_id: string;
  state: CaseState;
  stream_revision: string;
  updated_at: Date | string;
}

export interface DeadlineOnDate {
  deadline: string;
  dueOn: string;
  overdue: boolean;
}

export interface MatterView extends MatterState {
  streamId: string;
  /** Open deadlines as of today, earliest first. */
  deadlines: DeadlineOnDate[];
  nextDeadline: DeadlineOnDate | null;
  overdue: boolean;
  /** The stream revision the view reflects (the ETag). */
  revision: string;
  updatedAt: string;
}

export interface CaseView extends CaseState {
  deadlines: DeadlineOnDate[];
  nextDeadline: DeadlineOnDate | null;
  overdue: boolean;
  revision: string;
  updatedAt: string;
}

const iso = (v: Date | string): string => new Date(v).toISOString();

export const MATTER_COLUMNS = 'matter_id, stream_id, state, stream_revision::text as stream_revision, updated_at';
export const CASE_COLUMNS = 'case_id, state, stream_revision::text as stream_revision, updated_at';

const onDate = (deadlines: { deadline: string; dueOn: string }[], today: string): DeadlineOnDate[] => deadlines.map((d) => ({ deadline: d.deadline, dueOn: d.dueOn, overdue: isPastDue(d.dueOn, today) }));

export const toMatterView = (r: MatterRow, today: string): MatterView => {
  const deadlines = onDate(openMatterDeadlines(r.state), today);
  return { ...r.state, streamId: r.stream_id, deadlines, nextDeadline: deadlines[0] ?? null, overdue: deadlines.some((d) => d.overdue), revision: r.stream_revision, updatedAt: iso(r.updated_at) };
};

export const toCaseView = (r: CaseRow, today: string): CaseView => {
  const deadlines = onDate(openCaseDeadlines(r.state), today);
  return { ...r.state, deadlines, nextDeadline: deadlines[0] ?? null, overdue: deadlines.some((d) => d.overdue), revision: r.stream_revision, updatedAt: iso(r.updated_at) };
};

/**
 * The rows a reader may see (domain.md §1): admin and analysts all; an enterprise its own USCC; supervisors,
 * inspectors and complaint handlers their jurisdiction; nobody else (403 with `code`).
 */
export const readableBy = (actor: Actor, code: string): RawBuilder<unknown> => {
  if (actor.role === 'admin' || actor.role === 'analyst') return sql`true`;
  if (actor.role === 'enterprise') return actor.uscc ? sql`uscc = ${actor.uscc}` : sql`false`;
  if (!ENFORCEMENT_READER_ROLES.includes(actor.role)) throw new ForbiddenError(code, `a ${actor.role} may not read enforcement records`, { role: actor.role });
  return sql`jurisdiction like ${`${jurisdictionPrefix(actor.jurisdiction)}%`}`;
};

/** Overdue on today: the earliest open deadline has passed. */
export const overdueOn = (today: string): RawBuilder<unknown> => sql`(next_due_on is not null and next_due_on < ${today}::date)`;

export interface StepView {
  revision: number;
  type: string;
  on: string | null;
  recordedAt: string;
  recordedBy: { actorId: string; role: string };
  eventId: string;
}

interface TimelineRow {
  stream_revision: string;
  event_type: string;
  step_on: string | null;
  recorded_at: Date | string;
  actor_id: string;
  actor_role: string;
  event_id: string;
}

/** The steps of a matter or case, in order. */
export const timelineOf = async (db: AnyDb, entityId: string): Promise<StepView[]> => {
  const steps = await sql<TimelineRow>`
    select stream_revision::text as stream_revision, event_type, to_char(step_on, 'YYYY-MM-DD') as step_on, recorded_at, actor_id, actor_role, event_id
    from enforcement_timeline where entity_id = ${entityId} order by enforcement_timeline.stream_revision`.execute(db);
  return steps.rows.map((s) => ({
    revision: Number(s.stream_revision),
    type: s.event_type,
    on: s.step_on,
    recordedAt: iso(s.recorded_at),
    recordedBy: { actorId: s.actor_id, role: s.actor_role },
    eventId: s.event_id,
  }));
};

/** What the public sees of a published penalty (SAMR Order 45): no inspector, no internal deadline. */
export interface PublicPenaltyView {
  caseId: string;
  uscc: string;
  enterpriseName: string | null;
  penalties: { kind: string; amountYuan: number | null }[];
  legalBasis: string;
  decidedOn: string;
  publishedOn: string;
  shownUntil: string;
  authority: string;
}

export interface PenaltyRow {
  case_id: string;
  state: CaseState;
  enterprise_name: string | null;
}

export const toPublicPenalty = (r: PenaltyRow): PublicPenaltyView => {
  const s = r.state;
  return {
    caseId: s.caseId,
    uscc: s.uscc,
    enterpriseName: r.enterprise_name,
    penalties: (s.decision?.penalties ?? []).map((p) => ({ kind: p.kind, amountYuan: p.amountYuan })),
    legalBasis: s.decision?.legalBasis ?? '',
    decidedOn: s.decision?.decidedOn ?? '',
    publishedOn: s.publication?.publishedOn ?? '',
    shownUntil: s.publication?.shownUntil ?? '',
    authority: s.jurisdiction,
  };
};

/** Shown today: published, not ended, and within its window. */
export const shownOn = (today: string): RawBuilder<unknown> =>
  sql`(c.published_on is not null and c.publication_ended_on is null and c.shown_until >= ${today}::date)`;
