import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ForbiddenError, DomainError, type Role } from '@regledger/shared';
import { principalActor, verifyToken, type Principal } from '@regledger/auth';
import { ACCESS_RULE, type AccessRule } from './access.decorator.js';
import { PUBLIC_ACTOR, type EngineRequest } from './request-context.js';

export const AUTH_CONFIG = Symbol('AUTH_CONFIG');

export interface GuardAuthConfig {
  verificationKey: Parameters<typeof verifyToken>[1];
  issuer: string;
  audience: string;
}

const bearer = (req: EngineRequest): string | null => {
  const h = req.headers.authorization;
  if (!h) return null;
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  if (!m) throw new DomainError('AUTH.TOKEN_MALFORMED', 'unauthenticated', 'the Authorization header must be "Bearer <token>"');
  return m[1];
};

/**
 * Authenticates bearer tokens and checks the route's rule: the caller must hold one of its roles.
 * The acting role is the `X-Acting-Role` header's when the caller holds it, else the first allowed one.
 * Jurisdiction and ownership are checked by the domain with the actor this guard attaches.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(AUTH_CONFIG) private readonly auth: GuardAuthConfig,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<EngineRequest>();
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [context.getHandler(), context.getClass()]);
    if (!rule) throw new ForbiddenError('ACCESS.NO_RULE', 'this route has no access rule and is closed');
    const token = bearer(req);
    if (rule.public) {
      req.actor = PUBLIC_ACTOR;
      if (token) {
        const principal = this.verify(token);
        req.principal = principal;
        req.actor = principalActor(principal, this.actingRole(req, principal, principal.roles));
      }
      return true;
    }
    if (!token) throw new DomainError('AUTH.TOKEN_MISSING', 'unauthenticated', 'this route needs a bearer token');
    const principal = this.verify(token);
    const allowed = principal.roles.filter((r) => rule.roles.includes(r));
    if (!allowed.length) {
      throw new ForbiddenError('ACCESS.ROLE_NOT_ALLOWED', `this route is for ${rule.roles.join(', ')}`, { roles: principal.roles, allowed: rule.roles });
    }
    req.principal = principal;
    req.actor = principalActor(principal, this.actingRole(req, principal, allowed));
    return true;
  }

  private verify(token: string): Principal {
    return verifyToken(token, this.auth.verificationKey, { issuer: this.auth.issuer, audience: this.auth.audience });
  }

  private actingRole(req: EngineRequest, principal: Principal, allowed: readonly Role[]): Role {
    const asked = req.headers['x-acting-role'];
    if (typeof asked === 'string' && asked) {
      if (!allowed.includes(asked as Role)) {
        throw new ForbiddenError('ACCESS.ACTING_ROLE_NOT_ALLOWED', `X-Acting-Role ${asked} is not one of the caller's roles allowed here`, { allowed });
      }
      return asked as Role;
    }
    return allowed[0] ?? principal.roles[0];
  }
}
