import { ForbiddenError, isDivisionCode, jurisdictionCovers } from '@regledger/shared';
import type { Actor, Role } from '@regledger/shared';

/** What can be done to an inspection. */
export type InspectionAction =
  | 'open_drawn'
  | 'open_targeted'
  | 'open_follow_up'
  | 'assign'
  | 'start'
  | 'record_findings'
  | 'complete'
  | 'publish'
  | 'record_publication_overdue';

export const INSPECTION_FORBIDDEN = 'INSPECTION.FORBIDDEN';

const SUPERVISION = Object.freeze(['supervisor', 'admin'] as Role[]);
const FIELD_WORK = Object.freeze(['inspector'] as Role[]);
const SYSTEM_ONLY = Object.freeze(['system'] as Role[]);

/**
 * Roles allowed per action (domain.md §1: the supervisor plans and orders inspections in its jurisdiction, the
 * inspector carries out the inspections assigned to it; design choice: admin anywhere; drawn tasks, follow-ups and
 * overdue facts come only from the system's policies and scheduler, which also opens targeted inspections on escalated complaints).
 */
export const INSPECTION_ACTION_ROLES: Readonly<Record<InspectionAction, readonly Role[]>> = Object.freeze({
  open_drawn: SYSTEM_ONLY,
  open_targeted: Object.freeze(['supervisor', 'admin', 'system'] as Role[]),
  open_follow_up: SYSTEM_ONLY,
  assign: SUPERVISION,
  start: FIELD_WORK,
  record_findings: FIELD_WORK,
  complete: FIELD_WORK,
  publish: SUPERVISION,
  record_publication_overdue: SYSTEM_ONLY,
});

const forbidden = (actor: Actor, action: InspectionAction, why: string, details: Record<string, unknown> = {}): ForbiddenError =>
  new ForbiddenError(INSPECTION_FORBIDDEN, `a ${actor.role} may not ${action.replaceAll('_', ' ')} ${why}`, { action, role: actor.role, ...details });

/** Whether the role may perform the action at all (domain.md §1). */
export const roleMayPerformInspectionAction = (role: Role, action: InspectionAction): boolean => INSPECTION_ACTION_ROLES[action].includes(role);

/** Throws INSPECTION.FORBIDDEN unless the role may perform the action (domain.md §1). */
export const assertRoleMayPerformInspectionAction = (actor: Actor, action: InspectionAction): void => {
  if (!roleMayPerformInspectionAction(actor.role, action)) throw forbidden(actor, action, 'inspections');
};

/** A supervisor acts only inside its jurisdiction; admin and the system anywhere (domain.md §1). */
export const inspectionJurisdictionAllows = (actor: Actor, jurisdiction: string | null): boolean => {
  if (actor.role === 'admin' || actor.role === 'system') return true;
  if (jurisdiction === null || !isDivisionCode(actor.jurisdiction)) return false;
  return jurisdictionCovers(actor.jurisdiction, jurisdiction);
};

/** Throws INSPECTION.FORBIDDEN when the target lies outside the actor's jurisdiction (domain.md §1). */
export const assertInspectionJurisdiction = (actor: Actor, action: InspectionAction, jurisdiction: string | null, what: string): void => {
  if (!inspectionJurisdictionAllows(actor, jurisdiction)) throw forbidden(actor, action, `${what} outside its jurisdiction`, { jurisdiction, actorJurisdiction: actor.jurisdiction });
};

/** Only the inspectors assigned to an inspection carry it out (domain.md §1: inspectors act on the tasks assigned to them). */
export const isAssignedInspector = (actor: Actor, inspectorIds: readonly string[]): boolean => actor.role === 'inspector' && inspectorIds.includes(actor.id);

/** Throws INSPECTION.FORBIDDEN unless the actor is one of the assigned inspectors (domain.md §1). */
export const assertAssignedInspector = (actor: Actor, action: InspectionAction, inspectionId: string, inspectorIds: readonly string[]): void => {
  if (!isAssignedInspector(actor, inspectorIds)) throw forbidden(actor, action, `inspection ${inspectionId}: it is not assigned to this inspector`, { inspectionId });
};

/** Who may read an inspection: supervision and analysts of the authority's jurisdiction, and its assigned inspectors (domain.md §1). */
export const mayReadInspection = (actor: Actor, inspection: { authority: string; inspectorIds: readonly string[] }): boolean => {
  if (actor.role === 'admin' || actor.role === 'analyst') return true;
  if (actor.role === 'inspector') return isAssignedInspector(actor, inspection.inspectorIds);
  if (actor.role === 'supervisor') return inspectionJurisdictionAllows(actor, inspection.authority);
  return false;
};
