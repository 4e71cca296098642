import type { INestApplication, Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { RequestMethod } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { ACCESS_RULE, type AccessRule } from '@regledger/http';

/** One route the app serves, as Nest's own metadata declares it. */
export interface AppRoute {
  /** `METHOD /path` with Nest's `:param` placeholders, e.g. `POST /enterprises/:uscc/rename`. */
  key: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  path: string;
  controller: string;
  handler: string;
  /** The route's access rule (the handler's, else the controller's), or null when it has none. */
  rule: AccessRule | null;
}

const paths = (value: unknown): string[] => (Array.isArray(value) ? (value as string[]) : [typeof value === 'string' ? value : '']);

const join = (...parts: string[]): string => {
  const joined = `/${parts.join('/')}`.replace(/\/{2,}/g, '/');
  return joined.length > 1 ? joined.replace(/\/$/, '') : joined;
};

/** Every route of every controller of every module of the running app, sorted by key. */
export const appRoutes = (app: INestApplication): AppRoute[] => {
  const routes: AppRoute[] = [];
  const seen = new Set<Type>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type | null;
      if (!controller || seen.has(controller)) continue;
      seen.add(controller);
      const classRule = (Reflect.getMetadata(ACCESS_RULE, controller) as AccessRule | undefined) ?? null;
      const prototype = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        if (name === 'constructor') continue;
        const handler = Object.getOwnPropertyDescriptor(prototype, name)?.value as unknown;
        if (typeof handler !== 'function') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (method === undefined) continue;
        const verb = RequestMethod[method] as AppRoute['method'];
        const rule = (Reflect.getMetadata(ACCESS_RULE, handler) as AccessRule | undefined) ?? classRule;
        for (const base of paths(Reflect.getMetadata(PATH_METADATA, controller))) {
          for (const sub of paths(Reflect.getMetadata(PATH_METADATA, handler))) {
            const path = join(base, sub);
            routes.push({ key: `${verb} ${path}`, method: verb, path, controller: controller.name, handler: name, rule });
          }
        }
      }
    }
  }
  return routes.sort((a, b) => a.key.localeCompare(b.key));
};
