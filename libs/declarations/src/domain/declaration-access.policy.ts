import { ForbiddenError, isDivisionCode, jurisdictionCovers } from '@regledger/shared';
import type { Actor, Role } from '@regledger/shared';
import { DECLARATION_ERROR_CODES } from './declaration.rules.js';

/** What can be done to an enterprise's declarations. */
export type DeclarationAction =
  | 'declare'
  | 'revise'
  | 'confirm'
  | 'abolish'
  | 'redeclare'
  | 'require_redeclaration'
  | 'record_redeclaration_overdue';

const USER_ROLES = Object.freeze(['enterprise', 'supervisor', 'admin'] as Role[]);
const SYSTEM_ONLY = Object.freeze(['system'] as Role[]);

/**
 * Roles allowed per action (domain.md §1: the enterprise declares, revises, reviews and abolishes for its own USCC, the
 * supervisor sees everything in its jurisdiction; design choice: admin anywhere, the change-of-name and overdue facts
 * come only from the system's policy and scheduler). Every other role is refused.
 */
export const DECLARATION_ACTION_ROLES: Readonly<Record<DeclarationAction, readonly Role[]>> = Object.freeze({
  declare: USER_ROLES,
  revise: USER_ROLES,
  confirm: USER_ROLES,
  abolish: USER_ROLES,
  redeclare: USER_ROLES,
  require_redeclaration: SYSTEM_ONLY,
  record_redeclaration_overdue: SYSTEM_ONLY,
});

/** Whether the role may perform the action at all, before looking at which enterprise (domain.md §1, design choice above). */
export const roleMayPerformDeclarationAction = (role: Role, action: DeclarationAction): boolean =>
  DECLARATION_ACTION_ROLES[action].includes(role);

/** An enterprise user acts for its own USCC only, compared trimmed and upper case (domain.md §1). */
export const actsForOwnEnterprise = (actor: Actor, uscc: string): boolean =>
  actor.role === 'enterprise' && typeof actor.uscc === 'string' && typeof uscc === 'string' && actor.uscc.trim().toUpperCase() === uscc.trim().toUpperCase();

/** The USCC scope: enterprise users are bound to their own USCC, other allowed roles are not (domain.md §1). */
export const declarationUsccScopeAllows = (actor: Actor, uscc: string): boolean => actor.role !== 'enterprise' || actsForOwnEnterprise(actor, uscc);

/**
 * The jurisdiction scope: a supervisor only inside the enterprise's jurisdiction (jurisdictionCovers, domain.md §1);
 * admin and the system anywhere; enterprise users are bound by USCC instead. Unknown jurisdiction refuses a supervisor.
 */
export const declarationJurisdictionScopeAllows = (actor: Actor, jurisdiction: string | null): boolean => {
  if (actor.role === 'admin' || actor.role === 'system' || actor.role === 'enterprise') return true;
  if (actor.role !== 'supervisor' || jurisdiction === null) return false;
  return isDivisionCode(actor.jurisdiction) && jurisdictionCovers(actor.jurisdiction, jurisdiction);
};

/** The whole check: role, USCC scope and jurisdiction scope (domain.md §1). For guards and UIs as well as the decider. */
export const mayActOnDeclarations = (actor: Actor, action: DeclarationAction, target: { uscc: string; jurisdiction: string | null }): boolean =>
  roleMayPerformDeclarationAction(actor.role, action) &&
  declarationUsccScopeAllows(actor, target.uscc) &&
  declarationJurisdictionScopeAllows(actor, target.jurisdiction);

const forbidden = (actor: Actor, action: DeclarationAction, why: string, details: Record<string, unknown> = {}): ForbiddenError =>
  new ForbiddenError(DECLARATION_ERROR_CODES.FORBIDDEN, `a ${actor.role} may not ${action.replaceAll('_', ' ')} ${why}`, {
    action,
    role: actor.role,
    ...details,
  });

/** Throws DECLARATION.FORBIDDEN unless the role may perform the action (domain.md §1). */
export const assertRoleMayPerformDeclarationAction = (actor: Actor, action: DeclarationAction): void => {
  if (!roleMayPerformDeclarationAction(actor.role, action)) throw forbidden(actor, action, 'declarations');
};

/** Throws DECLARATION.FORBIDDEN when an enterprise user targets another USCC (domain.md §1). */
export const assertDeclarationUsccScope = (actor: Actor, action: DeclarationAction, uscc: string): void => {
  if (!declarationUsccScopeAllows(actor, uscc)) throw forbidden(actor, action, "another enterprise's declarations", { uscc });
};

/** Throws DECLARATION.FORBIDDEN when a supervisor targets an enterprise outside its jurisdiction (domain.md §1). */
export const assertDeclarationJurisdictionScope = (actor: Actor, action: DeclarationAction, jurisdiction: string | null): void => {
  if (!declarationJurisdictionScopeAllows(actor, jurisdiction)) {
    throw forbidden(actor, action, 'declarations of an enterprise outside its jurisdiction', {
      jurisdiction,
      actorJurisdiction: actor.jurisdiction,
    });
  }
};
