import type { DrawPolicy } from '../domain/draw/draw.types.js';
import type { PlanScope } from '../domain/plan/plan.events.js';

/** A plan as anyone may read it: the commitment is published before the draw (docs/draw-algorithm.md §1). */
export interface InspectionPlanView {
  planId: string;
  jurisdiction: string;
  name: string;
  scope: PlanScope;
  policy: DrawPolicy;
  period: { from: string; to: string };
  commitment: string;
  status: 'created' | 'drawn' | 'cancelled';
  createdOn: string;
  drawnOn: string | null;
  cancelledOn: string | null;
  cancellationReason: string | null;
  revision: number;
}

export interface InspectionPlanRow {
  plan_id: string;
  jurisdiction: string;
  name: string;
  scope: PlanScope;
  policy: DrawPolicy;
  period_from: string;
  period_to: string;
  commitment: string;
  status: 'created' | 'drawn' | 'cancelled';
  created_on: string;
  drawn_on: string | null;
  cancelled_on: string | null;
  cancellation_reason: string | null;
  stream_revision: string;
}

export const PLAN_COLUMNS = `plan_id, jurisdiction, name, scope, policy, to_char(period_from, 'YYYY-MM-DD') as period_from, to_char(period_to, 'YYYY-MM-DD') as period_to,
  commitment, status, to_char(created_on, 'YYYY-MM-DD') as created_on, to_char(drawn_on, 'YYYY-MM-DD') as drawn_on, to_char(cancelled_on, 'YYYY-MM-DD') as cancelled_on,
  cancellation_reason, stream_revision::text as stream_revision`;

export const toInspectionPlanView = (r: InspectionPlanRow): InspectionPlanView => ({
  planId: r.plan_id,
  jurisdiction: r.jurisdiction,
  name: r.name,
  scope: r.scope,
  policy: r.policy,
  period: { from: r.period_from, to: r.period_to },
  commitment: r.commitment,
  status: r.status,
  createdOn: r.created_on,
  drawnOn: r.drawn_on,
  cancelledOn: r.cancelled_on,
  cancellationReason: r.cancellation_reason,
  revision: Number(r.stream_revision),
});
