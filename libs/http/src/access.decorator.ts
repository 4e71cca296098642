import { SetMetadata } from '@nestjs/common';
import type { Role } from '@regledger/shared';

export const ACCESS_RULE = 'regledger:access';

/** Who may call a route. Every route has exactly one rule; a route without one is refused. */
export type AccessRule = { public: true } | { public?: false; roles: readonly Role[] };

export const Access = (rule: AccessRule): MethodDecorator & ClassDecorator => SetMetadata(ACCESS_RULE, rule);
export const Public = (): MethodDecorator & ClassDecorator => Access({ public: true });
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => Access({ roles });
