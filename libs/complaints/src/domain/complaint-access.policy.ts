import { ForbiddenError, isDivisionCode, jurisdictionCovers } from '@regledger/shared';
import type { Actor, Role } from '@regledger/shared';
import type { ComplaintCommandType } from './complaint.commands.js';
import { COMPLAINT_ERROR_CODES } from './complaint.rules.js';

/** Roles that handle complaints inside their jurisdiction (domain.md §1); admin acts anywhere (design choice). */
export const COMPLAINT_JURISDICTION_ROLES: readonly Role[] = Object.freeze(['complaint_handler', 'supervisor'] as Role[]);

/** Whether the actor may act on a complaint of the jurisdiction; every other role is refused (domain.md §1). */
export const mayActOnComplaint = (actor: Actor, jurisdiction: string | null): boolean => {
  if (actor.role === 'admin') return true;
  if (!COMPLAINT_JURISDICTION_ROLES.includes(actor.role) || jurisdiction === null) return false;
  return isDivisionCode(actor.jurisdiction) && jurisdictionCovers(actor.jurisdiction, jurisdiction);
};

/** Throws COMPLAINT.FORBIDDEN unless the role may handle complaints at all (domain.md §1). */
export const assertRoleMayHandleComplaints = (actor: Actor, action: ComplaintCommandType): void => {
  if (actor.role !== 'admin' && !COMPLAINT_JURISDICTION_ROLES.includes(actor.role)) {
    throw new ForbiddenError(COMPLAINT_ERROR_CODES.FORBIDDEN, `a ${actor.role} may not handle complaints`, { action, role: actor.role });
  }
};

/** Throws COMPLAINT.FORBIDDEN when the complaint lies outside the actor's jurisdiction (domain.md §1). */
export const assertComplaintJurisdiction = (actor: Actor, action: ComplaintCommandType, jurisdiction: string | null): void => {
  if (!mayActOnComplaint(actor, jurisdiction)) {
    throw new ForbiddenError(COMPLAINT_ERROR_CODES.FORBIDDEN, `a ${actor.role} may not handle a complaint outside its jurisdiction`, {
      action,
      role: actor.role,
      jurisdiction,
      actorJurisdiction: actor.jurisdiction,
    });
  }
};
