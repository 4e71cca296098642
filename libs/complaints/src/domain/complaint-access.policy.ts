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

/** Roles that read complaints of their jurisdiction (domain.md §1, design choice): complainant masked unless the role may see it. */
export const COMPLAINT_READER_ROLES: readonly Role[] = Object.freeze(['complaint_handler', 'supervisor', 'inspector', 'analyst', 'admin'] as Role[]);

/** Roles that read every complaint, wherever it is handled (domain.md §1: the analyst reads everything, read-only). */
export const readsComplaintsEverywhere = (actor: Actor): boolean => actor.role === 'admin' || actor.role === 'analyst';

/**
 * Who reads a complaint (domain.md §1, design choice): admin and analysts anywhere; handlers, supervisors and
 * inspectors inside their jurisdiction; an enterprise only complaints about its own USCC; the public none
 * (it gets aggregate counts only).
 */
export const mayReadComplaint = (actor: Actor, complaint: { jurisdiction: string; uscc: string }): boolean => {
  if (readsComplaintsEverywhere(actor)) return true;
  if (actor.role === 'enterprise') return actor.uscc !== undefined && actor.uscc === complaint.uscc;
  if (!COMPLAINT_READER_ROLES.includes(actor.role)) return false;
  return isDivisionCode(actor.jurisdiction) && jurisdictionCovers(actor.jurisdiction, complaint.jurisdiction);
};

/** The complainant's identity and contact are seen only by handlers and supervisors of the jurisdiction, and admin (domain.md §1, §6). */
export const mayReadComplainant = (actor: Actor, jurisdiction: string): boolean => mayActOnComplaint(actor, jurisdiction);

/** Throws COMPLAINT.FORBIDDEN when the actor may not read the complaint (domain.md §1). */
export const assertMayReadComplaint = (actor: Actor, complaint: { complaintId: string; jurisdiction: string; uscc: string }): void => {
  if (!mayReadComplaint(actor, complaint)) {
    throw new ForbiddenError(COMPLAINT_ERROR_CODES.FORBIDDEN, `a ${actor.role} may not read this complaint`, {
      complaintId: complaint.complaintId,
      role: actor.role,
      actorJurisdiction: actor.jurisdiction,
    });
  }
};

/** Only the engine's own schedule (or an admin) records that a deadline passed (design choice). */
export const assertMayRecordDeadlineMissed = (actor: Actor): void => {
  if (actor.role !== 'system' && actor.role !== 'admin') {
    throw new ForbiddenError(COMPLAINT_ERROR_CODES.FORBIDDEN, `a ${actor.role} may not record a missed deadline`, { role: actor.role });
  }
};
