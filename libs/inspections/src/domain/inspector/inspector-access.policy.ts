import { ForbiddenError, isDivisionCode, jurisdictionCovers } from '@regledger/shared';
import type { Actor, Role } from '@regledger/shared';

/** Roles that manage the inspector pool: a supervisor inside its jurisdiction, admin anywhere (domain.md §1; SAMR 2019 No. 38: each authority keeps its inspector pool). */
export const INSPECTOR_MANAGER_ROLES: readonly Role[] = Object.freeze(['supervisor', 'admin'] as Role[]);

/** Roles that may read the inspector pool: the officials of domain.md §1 (inspectors, supervisors, analysts, admin). */
export const INSPECTOR_READER_ROLES: readonly Role[] = Object.freeze(['inspector', 'supervisor', 'analyst', 'admin'] as Role[]);

export const INSPECTOR_FORBIDDEN = 'INSPECTOR.FORBIDDEN';

/** Whether the actor may manage an inspector acting in `jurisdiction`: admin anywhere, a supervisor whose jurisdiction covers it (domain.md §1). */
export const mayManageInspector = (actor: Actor, jurisdiction: string): boolean => {
  if (actor.role === 'admin') return true;
  if (actor.role !== 'supervisor') return false;
  return isDivisionCode(actor.jurisdiction) && jurisdictionCovers(actor.jurisdiction, jurisdiction);
};

/** Throws INSPECTOR.FORBIDDEN unless the role manages inspectors at all (domain.md §1). */
export const assertRoleMayManageInspectors = (actor: Actor): void => {
  if (!INSPECTOR_MANAGER_ROLES.includes(actor.role)) {
    throw new ForbiddenError(INSPECTOR_FORBIDDEN, `a ${actor.role} may not manage inspectors`, { role: actor.role });
  }
};

/** Throws INSPECTOR.FORBIDDEN when the inspector acts outside the actor's jurisdiction (domain.md §1). */
export const assertInspectorJurisdiction = (actor: Actor, jurisdiction: string): void => {
  if (!mayManageInspector(actor, jurisdiction)) {
    throw new ForbiddenError(INSPECTOR_FORBIDDEN, `a ${actor.role} of ${actor.jurisdiction} may not manage an inspector of ${jurisdiction}`, {
      role: actor.role,
      jurisdiction,
      actorJurisdiction: actor.jurisdiction,
    });
  }
};

/** Roles that read inspectors everywhere: admin, and analysts (domain.md §1: analysts see everything). */
export const INSPECTOR_READER_EVERYWHERE_ROLES: readonly Role[] = Object.freeze(['analyst', 'admin'] as Role[]);

/** Whether the actor reads the inspectors of every jurisdiction (domain.md §1). */
export const readsEveryInspector = (actor: Actor): boolean => INSPECTOR_READER_EVERYWHERE_ROLES.includes(actor.role);

/** Whether the actor may read an inspector of `jurisdiction`: admin and analysts everywhere (domain.md §1: analysts see everything), others inside their jurisdiction. */
export const mayReadInspector = (actor: Actor, jurisdiction: string): boolean => {
  if (readsEveryInspector(actor)) return true;
  if (!INSPECTOR_READER_ROLES.includes(actor.role)) return false;
  return isDivisionCode(actor.jurisdiction) && jurisdictionCovers(actor.jurisdiction, jurisdiction);
};
