import { ForbiddenError, isDivisionCode, jurisdictionCovers } from '@regledger/shared';
import type { Actor, Role } from '@regledger/shared';

/** The supervisor makes inspection plans and runs the draw, inside its jurisdiction (domain.md §1). */
export const PLAN_MANAGER_ROLES: readonly Role[] = Object.freeze(['supervisor'] as Role[]);

/** Officials see inspector identities of a draw; the public sees the drawn targets only ("one public", domain.md §1, §5). */
export const DRAW_OFFICIAL_ROLES: readonly Role[] = Object.freeze(['inspector', 'supervisor', 'analyst', 'admin'] as Role[]);

/** Who sees the target pool of an authority: supervisors inside their jurisdiction, analysts and admin everywhere (domain.md §1). */
export const POOL_READER_ROLES: readonly Role[] = Object.freeze(['supervisor', 'analyst', 'admin'] as Role[]);

/** Roles that see every authority's pool (domain.md §1: analysts see everything, admin administers). */
const POOL_READER_EVERYWHERE_ROLES: readonly Role[] = Object.freeze(['analyst', 'admin'] as Role[]);

export const PLAN_FORBIDDEN = 'PLAN.FORBIDDEN';

export const POOL_FORBIDDEN = 'INSPECTION_POOL.FORBIDDEN';

/** Whether the actor may make or draw a plan of `jurisdiction`: a supervisor whose jurisdiction covers it (domain.md §1). */
export const mayManagePlan = (actor: Actor, jurisdiction: string): boolean =>
  PLAN_MANAGER_ROLES.includes(actor.role) && isDivisionCode(actor.jurisdiction) && jurisdictionCovers(actor.jurisdiction, jurisdiction);

/** Throws PLAN.FORBIDDEN unless the role makes plans (domain.md §1). */
export const assertRoleMayManagePlans = (actor: Actor): void => {
  if (!PLAN_MANAGER_ROLES.includes(actor.role)) throw new ForbiddenError(PLAN_FORBIDDEN, `a ${actor.role} may not make or draw inspection plans`, { role: actor.role });
};

/** Throws PLAN.FORBIDDEN when the plan's authority lies outside the supervisor's jurisdiction (domain.md §1). */
export const assertPlanJurisdiction = (actor: Actor, jurisdiction: string): void => {
  if (!mayManagePlan(actor, jurisdiction)) {
    throw new ForbiddenError(PLAN_FORBIDDEN, `a ${actor.role} of ${actor.jurisdiction} may not act on a plan of ${jurisdiction}`, {
      role: actor.role,
      jurisdiction,
      actorJurisdiction: actor.jurisdiction,
    });
  }
};

/** Roles that see the inspectors and input of every draw (domain.md §1: analysts see everything, admin administers). */
const DRAW_OFFICIAL_EVERYWHERE_ROLES: readonly Role[] = Object.freeze(['analyst', 'admin'] as Role[]);

/**
 * Whether the actor sees inspector identities and the full draw input (which holds the authority's pools) of a plan of
 * `jurisdiction`: analysts and admin everywhere; supervisors and inspectors only inside their jurisdiction, like the pool
 * itself (domain.md §1: a user acts only inside its jurisdiction). Everyone else sees the public view.
 */
export const isDrawOfficial = (actor: Actor | undefined, jurisdiction: string): boolean =>
  actor !== undefined &&
  DRAW_OFFICIAL_ROLES.includes(actor.role) &&
  (DRAW_OFFICIAL_EVERYWHERE_ROLES.includes(actor.role) || (isDivisionCode(actor.jurisdiction) && jurisdictionCovers(actor.jurisdiction, jurisdiction)));

/** Whether the actor may see the target and inspector pools of `jurisdiction`: analysts and admin everywhere, a supervisor inside its jurisdiction (domain.md §1). */
export const mayReadPool = (actor: Actor, jurisdiction: string): boolean =>
  POOL_READER_EVERYWHERE_ROLES.includes(actor.role) ||
  (POOL_READER_ROLES.includes(actor.role) && isDivisionCode(actor.jurisdiction) && jurisdictionCovers(actor.jurisdiction, jurisdiction));

/** Throws INSPECTION_POOL.FORBIDDEN unless the actor may see the pool of `jurisdiction` (domain.md §1). */
export const assertMayReadPool = (actor: Actor, jurisdiction: string): void => {
  if (!mayReadPool(actor, jurisdiction)) {
    throw new ForbiddenError(POOL_FORBIDDEN, `a ${actor.role} of ${actor.jurisdiction} may not see the pool of ${jurisdiction}`, { jurisdiction, actorJurisdiction: actor.jurisdiction });
  }
};
