import { ForbiddenError, isDivisionCode, jurisdictionCovers } from '@regledger/shared';
import type { Actor } from '@regledger/shared';
import { CREDIT_ERROR_CODES, SCORING_POLICY_ERROR_CODES } from './credit.rules.js';

/** A supervisor acts on the credit record of an enterprise of its jurisdiction; admin anywhere (domain.md §1). */
export const mayActOnCredit = (actor: Actor, jurisdiction: string | null): boolean => {
  if (actor.role === 'admin') return true;
  if (actor.role !== 'supervisor' || jurisdiction === null) return false;
  return isDivisionCode(actor.jurisdiction) && jurisdictionCovers(actor.jurisdiction, jurisdiction);
};

/** Throws CREDIT.FORBIDDEN unless the actor may act on the enterprise's record (domain.md §1). */
export const assertMayActOnCredit = (actor: Actor, action: string, jurisdiction: string | null): void => {
  if (!mayActOnCredit(actor, jurisdiction)) {
    throw new ForbiddenError(CREDIT_ERROR_CODES.FORBIDDEN, `a ${actor.role} may not ${action} for an enterprise outside its jurisdiction`, {
      action,
      role: actor.role,
      jurisdiction,
      actorJurisdiction: actor.jurisdiction,
    });
  }
};

/** Policies and schedules of the engine record facts they derive from the log (design choice). */
export const isSystem = (actor: Actor): boolean => actor.role === 'system';

/** Entries and reclassification come from the engine's own reactions, or an admin (design choice). */
export const assertSystemOrAdmin = (actor: Actor, action: string): void => {
  if (actor.role !== 'system' && actor.role !== 'admin') {
    throw new ForbiddenError(CREDIT_ERROR_CODES.FORBIDDEN, `a ${actor.role} may not ${action}`, { action, role: actor.role });
  }
};

/** Acts on lists: the engine itself, or a supervisor of the jurisdiction, or admin (domain.md §1, §8). */
export const assertMayActOrSystem = (actor: Actor, action: string, jurisdiction: string | null): void => {
  if (!isSystem(actor)) assertMayActOnCredit(actor, action, jurisdiction);
};

/** An enterprise applies for repair of its own record; a supervisor of the jurisdiction or admin for any (SAMR 2021 No. 3). */
export const assertMayApplyForRepair = (actor: Actor, uscc: string, jurisdiction: string | null): void => {
  if (actor.role === 'enterprise') {
    if (actor.uscc !== uscc) throw new ForbiddenError(CREDIT_ERROR_CODES.FORBIDDEN, 'an enterprise applies for repair of its own record only', { role: actor.role, uscc });
    return;
  }
  assertMayActOnCredit(actor, 'apply for credit repair', jurisdiction);
};

/**
 * Who reads an enterprise's credit record (domain.md §1): admin and analyst all; a supervisor of its
 * jurisdiction; the enterprise its own. The public reads the two lists only.
 */
export const mayReadCredit = (actor: Actor, uscc: string, jurisdiction: string | null): boolean => {
  if (actor.role === 'admin' || actor.role === 'analyst') return true;
  if (actor.role === 'enterprise') return actor.uscc === uscc;
  return mayActOnCredit(actor, jurisdiction);
};

export const assertMayReadCredit = (actor: Actor, uscc: string, jurisdiction: string | null): void => {
  if (!mayReadCredit(actor, uscc, jurisdiction)) {
    throw new ForbiddenError(CREDIT_ERROR_CODES.FORBIDDEN, `a ${actor.role} may not read this credit record`, { uscc, role: actor.role, actorJurisdiction: actor.jurisdiction });
  }
};

/** A province-level jurisdiction (`xx0000`) or the national one (design choice: scoring is set province-wide). */
export const isProvinceLevel = (jurisdiction: string): boolean => isDivisionCode(jurisdiction) && jurisdiction.endsWith('0000');

/** Publishing a scoring policy: admin or a province-level supervisor (design choice: scoring is set province-wide). */
export const assertMayPublishScoringPolicy = (actor: Actor): void => {
  if (actor.role === 'admin') return;
  if (actor.role === 'supervisor' && isProvinceLevel(actor.jurisdiction)) return;
  throw new ForbiddenError(SCORING_POLICY_ERROR_CODES.FORBIDDEN, `a ${actor.role} of ${actor.jurisdiction} may not publish a scoring policy`, {
    role: actor.role,
    actorJurisdiction: actor.jurisdiction,
  });
};
