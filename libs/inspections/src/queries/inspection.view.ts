import type { Finding, InspectionOrigin, InspectionResultOutcome, InspectionStatus, JudgedDeclaration, JudgedIndicator } from '../domain/inspection/index.js';

/** An inspection task as officials see it. */
export interface InspectionView {
  inspectionId: string;
  origin: InspectionOrigin;
  uscc: string;
  enterpriseName: string | null;
  authority: string;
  product: { name: string; model: string } | null;
  inspectorIds: string[];
  status: InspectionStatus;
  description: string | null;
  findings: Finding[];
  outcome: InspectionResultOutcome | null;
  productionDate: string | null;
  declaration: JudgedDeclaration | null;
  judgedIndicators: JudgedIndicator[];
  nonConformingIndicators: string[];
  note: string | null;
  openedOn: string;
  startedOn: string | null;
  completedOn: string | null;
  publication: {
    dueOn: string | null;
    publishedOn: string | null;
    late: boolean | null;
    overdueRecordedOn: string | null;
  };
  /** The inspection stream revision: the ETag for If-Match. */
  revision: number;
  updatedAt: string;
}

/** The columns every inspection query selects, dates as text. */
export const INSPECTION_COLUMNS = `inspection_id, origin_type, plan_id, source, reference, matter_id, follow_up_round,
  to_char(follow_up_due_on, 'YYYY-MM-DD') as follow_up_due_on, uscc, enterprise_name, authority, product_name, product_model,
  inspector_ids, status, description, findings, outcome, to_char(production_date, 'YYYY-MM-DD') as production_date, declaration, judged_indicators,
  non_conforming_indicators, note, to_char(opened_on, 'YYYY-MM-DD') as opened_on, to_char(started_on, 'YYYY-MM-DD') as started_on,
  to_char(completed_on, 'YYYY-MM-DD') as completed_on, to_char(publication_due_on, 'YYYY-MM-DD') as publication_due_on,
  to_char(published_on, 'YYYY-MM-DD') as published_on, published_late, to_char(overdue_recorded_on, 'YYYY-MM-DD') as overdue_recorded_on,
  stream_revision, updated_at`;

export interface InspectionRow {
  inspection_id: string;
  origin_type: 'random' | 'targeted' | 'follow_up';
  plan_id: string | null;
  source: 'complaint' | 'report' | 'media' | 'other' | null;
  reference: string | null;
  matter_id: string | null;
  follow_up_round: number | null;
  follow_up_due_on: string | null;
  uscc: string;
  enterprise_name: string | null;
  authority: string;
  product_name: string | null;
  product_model: string | null;
  inspector_ids: string[];
  status: InspectionStatus;
  description: string | null;
  findings: Finding[];
  outcome: InspectionResultOutcome | null;
  production_date: string | null;
  declaration: JudgedDeclaration | null;
  judged_indicators: JudgedIndicator[];
  non_conforming_indicators: string[];
  note: string | null;
  opened_on: string;
  started_on: string | null;
  completed_on: string | null;
  publication_due_on: string | null;
  published_on: string | null;
  published_late: boolean | null;
  overdue_recorded_on: string | null;
  stream_revision: string | number;
  updated_at: Date | string;
}

/** The origin a row records: the plan, the lead, or the matter and round of a follow-up. */
const originOf = (r: InspectionRow): InspectionOrigin => {
  if (r.origin_type === 'random') return { type: 'random', planId: r.plan_id as string };
  if (r.origin_type === 'follow_up') return { type: 'follow_up', matterId: r.matter_id as string, round: Number(r.follow_up_round), dueOn: r.follow_up_due_on as string };
  return { type: 'targeted', source: r.source ?? 'other', reference: r.reference };
};

export const toInspectionView = (r: InspectionRow): InspectionView => ({
  inspectionId: r.inspection_id,
  origin: originOf(r),
  uscc: r.uscc,
  enterpriseName: r.enterprise_name,
  authority: r.authority,
  product: r.product_name === null ? null : { name: r.product_name, model: r.product_model ?? '' },
  inspectorIds: r.inspector_ids,
  status: r.status,
  description: r.description,
  findings: r.findings,
  outcome: r.outcome,
  productionDate: r.production_date,
  declaration: r.declaration,
  judgedIndicators: r.judged_indicators,
  nonConformingIndicators: r.non_conforming_indicators,
  note: r.note,
  openedOn: r.opened_on,
  startedOn: r.started_on,
  completedOn: r.completed_on,
  publication: { dueOn: r.publication_due_on, publishedOn: r.published_on, late: r.published_late, overdueRecordedOn: r.overdue_recorded_on },
  revision: Number(r.stream_revision),
  updatedAt: new Date(r.updated_at).toISOString(),
});
