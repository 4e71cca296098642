import { ForbiddenError, isDivisionCode, jurisdictionCovers } from '@regledger/shared';
import type { Actor, Role } from '@regledger/shared';
import { ENTERPRISE_ERROR_CODES } from './enterprise.rules.js';
import { normaliseUscc } from './uscc.rule.js';

/** What can be done to an enterprise's register entry. */
export type EnterpriseAction = 'register' | 'rename' | 'deregister';

/**
 * Roles allowed per action (domain.md §1; design choice: an enterprise registers and deregisters itself,
 * renames come from the registration authority, so only admin and supervisor rename). Every other role is refused.
 */
export const ENTERPRISE_ACTION_ROLES: Readonly<Record<EnterpriseAction, readonly Role[]>> = Object.freeze({
  register: Object.freeze(['admin', 'supervisor', 'enterprise'] as Role[]),
  rename: Object.freeze(['admin', 'supervisor'] as Role[]),
  deregister: Object.freeze(['admin', 'supervisor', 'enterprise'] as Role[]),
});

/** Whether the role may perform the action at all, before looking at which enterprise (domain.md §1, design choice above). */
export const roleMayPerformEnterpriseAction = (role: Role, action: EnterpriseAction): boolean =>
  ENTERPRISE_ACTION_ROLES[action].includes(role);

/** An enterprise user acts for its own USCC only (domain.md §1). */
export const isOwnEnterprise = (actor: Actor, uscc: string): boolean =>
  actor.role === 'enterprise' && typeof actor.uscc === 'string' && normaliseUscc(actor.uscc) === normaliseUscc(uscc);

/** Admin acts anywhere; a supervisor only inside its jurisdiction (domain.md §1, jurisdictionCovers). */
export const actorJurisdictionCovers = (actor: Actor, jurisdiction: string): boolean => {
  if (actor.role === 'admin') return true;
  if (actor.role !== 'supervisor') return false;
  return isDivisionCode(actor.jurisdiction) && jurisdictionCovers(actor.jurisdiction, jurisdiction);
};

/**
 * The USCC scope of an actor whose role passed `roleMayPerformEnterpriseAction`: enterprise users are bound to their
 * own USCC, authority roles are not (domain.md §1).
 */
export const usccScopeAllows = (actor: Actor, uscc: string): boolean => actor.role !== 'enterprise' || isOwnEnterprise(actor, uscc);

/**
 * The jurisdiction scope of an actor whose role passed `roleMayPerformEnterpriseAction`: supervisors are bound to
 * their jurisdiction, admin is not, enterprise users are bound by USCC instead (domain.md §1).
 */
export const jurisdictionScopeAllows = (actor: Actor, jurisdiction: string): boolean =>
  actor.role === 'enterprise' || actorJurisdictionCovers(actor, jurisdiction);

/** The whole check: role, USCC scope and jurisdiction scope (domain.md §1). For guards and UIs as well as the decider. */
export const mayActOnEnterprise = (actor: Actor, action: EnterpriseAction, target: { uscc: string; jurisdiction: string }): boolean =>
  roleMayPerformEnterpriseAction(actor.role, action) && usccScopeAllows(actor, target.uscc) && jurisdictionScopeAllows(actor, target.jurisdiction);

const forbidden = (actor: Actor, action: EnterpriseAction, why: string, details: Record<string, unknown> = {}): ForbiddenError =>
  new ForbiddenError(ENTERPRISE_ERROR_CODES.FORBIDDEN, `a ${actor.role} may not ${action} ${why}`, { action, role: actor.role, ...details });

/** Throws ENTERPRISE.FORBIDDEN unless the role may perform the action (domain.md §1). */
export const assertRoleMayPerformEnterpriseAction = (actor: Actor, action: EnterpriseAction): void => {
  if (!roleMayPerformEnterpriseAction(actor.role, action)) throw forbidden(actor, action, 'an enterprise');
};

/** Throws ENTERPRISE.FORBIDDEN when an enterprise user targets another USCC (domain.md §1). */
export const assertUsccScope = (actor: Actor, action: EnterpriseAction, uscc: string): void => {
  if (!usccScopeAllows(actor, uscc)) throw forbidden(actor, action, 'another enterprise', { uscc });
};

/** Throws ENTERPRISE.FORBIDDEN when a supervisor targets an enterprise outside its jurisdiction (domain.md §1). */
export const assertJurisdictionScope = (actor: Actor, action: EnterpriseAction, jurisdiction: string): void => {
  if (!jurisdictionScopeAllows(actor, jurisdiction)) {
    throw forbidden(actor, action, 'an enterprise outside its jurisdiction', { jurisdiction, actorJurisdiction: actor.jurisdiction });
  }
};
