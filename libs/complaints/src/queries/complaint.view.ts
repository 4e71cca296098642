import { sql, type RawBuilder } from 'kysely';
import { ForbiddenError, jurisdictionPrefix, type Actor } from '@regledger/shared';
import type { PersonalDataVault } from '@regledger/personal-data';
import {
  COMPLAINT_ERROR_CODES,
  COMPLAINT_READER_ROLES,
  complainantFor,
  complainantOfRecord,
  deadlinesOn,
  mayReadComplainant,
  readsComplaintsEverywhere,
  type ComplainantView,
  type RecordedComplainant,
  type ComplainedProduct,
  type DeadlineOnDate,
} from '../domain/index.js';
import { DEADLINE_COLUMNS, deadlineFactsOfRow, type DeadlineColumns } from '../projections/complaints.projection.js';

export interface ComplaintRow extends DeadlineColumns {
  complaint_id: string;
  channel: string;
  uscc: string;
  enterprise_name: string | null;
  enterprise_registered: boolean | null;
  declaration_id: string | null;
  product: ComplainedProduct | null;
  facts: string;
  /** As recorded: the identity sealed (v2, or its erased marker) or in clear (v1); opened by `revealComplainants`. */
  complainant: RecordedComplainant;
  harm_known_on: string | null;
  jurisdiction: string;
  received_on: string;
  accepted_on: string | null;
  rejected_on: string | null;
  rejected_reason: string | null;
  handler_id: string | null;
  mediation_summary: string | null;
  mediation_recorded_on: string | null;
  testing_paused_from: string | null;
  pauses: { from: string; to: string }[];
  escalated_on: string | null;
  escalation_reason: string | null;
  verification_extended: boolean;
  case_open: boolean | null;
  case_reason: string | null;
  reporter_notified_late: boolean | null;
  closed_outcome: string | null;
  closed_summary: string | null;
  closed_on: string | null;
  missed: { deadline: string; dueOn: string; recordedOn: string }[];
  version: number;
  received_at: Date | string;
  updated_at: Date | string;
}

const d = (column: string): string => `to_char(${column}, 'YYYY-MM-DD') as ${column}`;

/** Every column of `complaints` a view needs, dates as YYYY-MM-DD. */
export const COMPLAINT_COLUMNS = [
  'complaint_id',
  'channel',
  'uscc',
  'enterprise_name',
  'enterprise_registered',
  'declaration_id',
  'product',
  'facts',
  'complainant',
  d('harm_known_on'),
  'jurisdiction',
  d('received_on'),
  d('accepted_on'),
  d('rejected_on'),
  'rejected_reason',
  'handler_id',
  'mediation_summary',
  d('mediation_recorded_on'),
  d('testing_paused_from'),
  'pauses',
  d('escalated_on'),
  'escalation_reason',
  'verification_extended',
  'case_open',
  'case_reason',
  'reporter_notified_late',
  'closed_outcome',
  'closed_summary',
  d('closed_on'),
  'missed',
  'version',
  'received_at',
  'updated_at',
  DEADLINE_COLUMNS,
].join(', ');

/** A complaint as a reader sees it on a date: the complainant masked unless the reader may see it, deadlines with overdue flags. */
export interface ComplaintView {
  complaintId: string;
  kind: string;
  channel: string;
  status: string;
  uscc: string;
  enterpriseName: string | null;
  /** false: the USCC was not registered with the enterprises context at intake (still handled as a lead). */
  enterpriseRegistered: boolean | null;
  declarationId: string | null;
  product: ComplainedProduct | null;
  facts: string;
  complainant: ComplainantView;
  harmKnownOn: string | null;
  jurisdiction: string;
  receivedOn: string;
  acceptanceDueOn: string;
  acceptedOn: string | null;
  rejected: { on: string; reason: string } | null;
  handlerId: string | null;
  mediation: { outcome: string; summary: string; recordedOn: string } | null;
  mediationEndsOn: string | null;
  testing: { pausedFrom: string | null; pauses: { from: string; to: string }[] };
  escalation: { escalatedOn: string; reason: string } | null;
  verification: { dueOn: string; extended: boolean } | null;
  caseDecision: { openCase: boolean; reason: string; decidedOn: string } | null;
  reporterNotice: { dueOn: string; notifiedOn: string | null; late: boolean | null } | null;
  closed: { outcome: string; summary: string; closedOn: string } | null;
  /** Open deadlines as of `today`, earliest first. */
  deadlines: DeadlineOnDate[];
  nextDeadline: DeadlineOnDate | null;
  overdue: boolean;
  /** Deadlines recorded as missed (ComplaintDeadlineMissed). */
  missedDeadlines: { deadline: string; dueOn: string; recordedOn: string }[];
  version: number;
  receivedAt: string;
  updatedAt: string;
}

const iso = (v: Date | string): string => new Date(v).toISOString();

export const toComplaintView = (r: ComplaintRow, actor: Actor, today: string): ComplaintView => {
  const deadlines = deadlinesOn(deadlineFactsOfRow(r), today);
  return {
    complaintId: r.complaint_id,
    kind: r.kind,
    channel: r.channel,
    status: r.status,
    uscc: r.uscc,
    enterpriseName: r.enterprise_name,
    enterpriseRegistered: r.enterprise_registered,
    declarationId: r.declaration_id,
    product: r.product,
    facts: r.facts,
    complainant: complainantFor(complainantOfRecord(r.complainant), mayReadComplainant(actor, r.jurisdiction)),
    harmKnownOn: r.harm_known_on,
    jurisdiction: r.jurisdiction,
    receivedOn: r.received_on,
    acceptanceDueOn: r.acceptance_due_on as string,
    acceptedOn: r.accepted_on,
    rejected: r.rejected_on === null ? null : { on: r.rejected_on, reason: r.rejected_reason as string },
    handlerId: r.handler_id,
    mediation: r.mediation_outcome === null ? null : { outcome: r.mediation_outcome, summary: r.mediation_summary as string, recordedOn: r.mediation_recorded_on as string },
    mediationEndsOn: r.mediation_ends_on,
    testing: { pausedFrom: r.testing_paused_from, pauses: r.pauses },
    escalation: r.escalated_on === null ? null : { escalatedOn: r.escalated_on, reason: r.escalation_reason as string },
    verification: r.verification_due_on === null ? null : { dueOn: r.verification_due_on, extended: r.verification_extended },
    caseDecision: r.case_decided_on === null ? null : { openCase: r.case_open as boolean, reason: r.case_reason as string, decidedOn: r.case_decided_on },
    reporterNotice:
      r.reporter_notification_due_on === null ? null : { dueOn: r.reporter_notification_due_on, notifiedOn: r.reporter_notified_on, late: r.reporter_notified_late },
    closed: r.closed_on === null ? null : { outcome: r.closed_outcome as string, summary: r.closed_summary as string, closedOn: r.closed_on },
    deadlines,
    nextDeadline: deadlines[0] ?? null,
    overdue: deadlines.some((x) => x.overdue),
    missedDeadlines: r.missed,
    version: Number(r.version),
    receivedAt: iso(r.received_at),
    updatedAt: iso(r.updated_at),
  };
};

/**
 * The rows with each sealed complainant identity opened with the person's key (one key query for all), or
 * marked erased or unavailable; the identity is masked afterwards, per reader, by `toComplaintView`.
 */
export const revealComplainants = async <R extends { complainant: RecordedComplainant }>(rows: readonly R[], vault: PersonalDataVault): Promise<R[]> => {
  const opened = await vault.reveal(rows.map((r) => r.complainant));
  return rows.map((r, i) => (opened[i] === r.complainant ? r : { ...r, complainant: opened[i] }));
};

/** The views of rows as a reader sees them on a date, complainants opened then masked where the reader may not see them. */
export const toComplaintViews = async (rows: readonly ComplaintRow[], actor: Actor, today: string, vault: PersonalDataVault): Promise<ComplaintView[]> =>
  (await revealComplainants(rows, vault)).map((r) => toComplaintView(r, actor, today));

/**
 * The rows a reader may see (domain.md §1, design choice): admin and analysts all; an enterprise the complaints
 * about its own USCC; handlers, supervisors and inspectors their jurisdiction; nobody else.
 */
export const readableBy = (actor: Actor): RawBuilder<unknown> => {
  if (readsComplaintsEverywhere(actor)) return sql`true`;
  if (actor.role === 'enterprise') return actor.uscc ? sql`uscc = ${actor.uscc}` : sql`false`;
  if (!COMPLAINT_READER_ROLES.includes(actor.role)) {
    throw new ForbiddenError(COMPLAINT_ERROR_CODES.FORBIDDEN, `a ${actor.role} may not read complaints`, { role: actor.role });
  }
  return sql`jurisdiction like ${`${jurisdictionPrefix(actor.jurisdiction)}%`}`;
};

/** "Overdue on today": an open deadline whose due date has passed; the earliest open one decides. */
export const overdueOn = (today: string): RawBuilder<unknown> => sql`(next_due_on is not null and next_due_on < ${today}::date)`;
