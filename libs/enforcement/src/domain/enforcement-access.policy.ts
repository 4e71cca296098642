import { ForbiddenError, isDivisionCode, jurisdictionCovers } from '@regledger/shared';
import type { Actor, Role } from '@regledger/shared';

/** Who acts on matters and cases: the supervisor in its jurisdiction (domain.md §1: it orders rectification, opens cases, decides penalties); admin anywhere (design choice). */
export const ENFORCEMENT_ACTOR_ROLES: readonly Role[] = Object.freeze(['supervisor', 'admin'] as Role[]);

/** Who reads matters and cases of a jurisdiction (domain.md §1); analysts and admin read all; an enterprise its own. */
export const ENFORCEMENT_READER_ROLES: readonly Role[] = Object.freeze(['supervisor', 'inspector', 'complaint_handler', 'analyst', 'admin', 'enterprise'] as Role[]);

/** What the engine does on its own: reactions to other contexts' events and deadlines passing. */
export const SYSTEM_ROLES: readonly Role[] = Object.freeze(['system'] as Role[]);

/** Which roles may send a command: human steps (supervisor, admin), system-only facts, or both. */
export type CommandAudience = 'human' | 'system' | 'both';

const rolesFor = (audience: CommandAudience): readonly Role[] =>
  audience === 'human' ? ENFORCEMENT_ACTOR_ROLES : audience === 'system' ? SYSTEM_ROLES : [...ENFORCEMENT_ACTOR_ROLES, ...SYSTEM_ROLES];

/** Throws `<code>` (403) unless the role may send the command at all (domain.md §1). */
export const assertRoleMaySend = (actor: Actor, command: string, audience: CommandAudience, code: string): void => {
  if (!rolesFor(audience).includes(actor.role)) {
    throw new ForbiddenError(code, `a ${actor.role} may not send ${command}`, { command, role: actor.role });
  }
};

/** A supervisor acts only inside its jurisdiction; admin and the system anywhere (domain.md §1). */
export const mayActIn = (actor: Actor, jurisdiction: string | null): boolean => {
  if (actor.role === 'admin' || actor.role === 'system') return true;
  if (jurisdiction === null || !isDivisionCode(actor.jurisdiction)) return false;
  return jurisdictionCovers(actor.jurisdiction, jurisdiction);
};

/** Throws `<code>` (403) when the target lies outside the actor's jurisdiction (domain.md §1). */
export const assertActsIn = (actor: Actor, command: string, jurisdiction: string | null, code: string): void => {
  if (!mayActIn(actor, jurisdiction)) {
    throw new ForbiddenError(code, `a ${actor.role} of ${actor.jurisdiction} may not send ${command} for ${jurisdiction ?? 'an unknown jurisdiction'}`, {
      command,
      jurisdiction,
      actorJurisdiction: actor.jurisdiction,
    });
  }
};

/**
 * Who reads a matter or a case (domain.md §1): admin and analysts all; supervisors, inspectors and complaint
 * handlers their jurisdiction; an enterprise its own USCC; nobody else.
 */
export const mayReadEnforcement = (actor: Actor, target: { jurisdiction: string; uscc: string }): boolean => {
  if (actor.role === 'admin' || actor.role === 'analyst') return true;
  if (actor.role === 'enterprise') return actor.uscc !== undefined && actor.uscc === target.uscc;
  if (!ENFORCEMENT_READER_ROLES.includes(actor.role)) return false;
  return isDivisionCode(actor.jurisdiction) && jurisdictionCovers(actor.jurisdiction, target.jurisdiction);
};

/** Throws `<code>` (403) unless the actor may read the matter or case (domain.md §1). */
export const assertMayRead = (actor: Actor, target: { jurisdiction: string; uscc: string; id: string }, code: string): void => {
  if (!mayReadEnforcement(actor, target)) throw new ForbiddenError(code, `a ${actor.role} may not read ${target.id}`, { id: target.id, role: actor.role });
};
