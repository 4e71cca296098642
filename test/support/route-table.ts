import type { INestApplication, Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { RequestMethod } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { ACCESS_RULE, type AccessRule } from '@regledger/http';
import type { Role } from '@regledger/shared';

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

// ---- the access rules the app must declare (domain.md §1), one per route

/** Who passes a route's role check: "public" (anyone, with or without a token) or these roles. */
export type Rule = 'public' | readonly Role[];

const ENFORCEMENT_ACTORS: Role[] = ['supervisor', 'admin'];
const ENFORCEMENT_READERS: Role[] = ['supervisor', 'inspector', 'complaint_handler', 'analyst', 'admin', 'enterprise'];
const COMPLAINT_HANDLERS: Role[] = ['complaint_handler', 'supervisor', 'admin'];
const COMPLAINT_READERS: Role[] = ['complaint_handler', 'supervisor', 'inspector', 'analyst', 'admin'];
const DECLARATION_WRITERS: Role[] = ['enterprise', 'supervisor', 'admin'];
const CREDIT_ACTORS: Role[] = ['supervisor', 'admin'];
const CREDIT_READERS: Role[] = ['supervisor', 'admin', 'analyst', 'enterprise'];
const INSPECTION_READERS: Role[] = ['supervisor', 'inspector', 'analyst', 'admin'];
const SUPERVISION: Role[] = ['supervisor', 'admin'];
const AUDITORS: Role[] = ['analyst', 'admin'];

/** Which roles pass the role check of each route ("public": anyone, with or without a token). */
export const ACCESS_TABLE: Record<string, Rule> = {
  // system
  'GET /health': 'public',
  'GET /ready': 'public',
  'GET /projections': ['admin', 'analyst', 'supervisor'],
  // enterprises
  'GET /enterprises': 'public',
  'GET /enterprises/:uscc': 'public',
  'POST /enterprises': ['admin', 'supervisor', 'enterprise'],
  'POST /enterprises/:uscc/rename': ['admin', 'supervisor'],
  'POST /enterprises/:uscc/deregister': ['admin', 'supervisor', 'enterprise'],
  // declarations
  'GET /declarations': 'public',
  'GET /declarations/in-force': 'public',
  'GET /declarations/:id': 'public',
  'GET /statistics/declarations': 'public',
  'POST /declarations': DECLARATION_WRITERS,
  'POST /declarations/:id/revisions': DECLARATION_WRITERS,
  'POST /declarations/:id/review': DECLARATION_WRITERS,
  'POST /declarations/:id/abolish': DECLARATION_WRITERS,
  'POST /declarations/:id/redeclare': DECLARATION_WRITERS,
  // complaints
  'GET /complaints/statistics': 'public',
  'GET /complaints/queue': COMPLAINT_HANDLERS,
  'GET /complaints/overdue-counts': COMPLAINT_READERS,
  'GET /complaints': [...COMPLAINT_READERS, 'enterprise'],
  'GET /complaints/:id': [...COMPLAINT_READERS, 'enterprise'],
  'POST /complaints': COMPLAINT_HANDLERS,
  'POST /complaints/:id/accept': COMPLAINT_HANDLERS,
  'POST /complaints/:id/reject': COMPLAINT_HANDLERS,
  'POST /complaints/:id/assign': COMPLAINT_HANDLERS,
  'POST /complaints/:id/mediation': COMPLAINT_HANDLERS,
  'POST /complaints/:id/testing-pause': COMPLAINT_HANDLERS,
  'POST /complaints/:id/testing-resume': COMPLAINT_HANDLERS,
  'POST /complaints/:id/escalate': COMPLAINT_HANDLERS,
  'POST /complaints/:id/close': COMPLAINT_HANDLERS,
  'POST /complaints/:id/verification-extension': COMPLAINT_HANDLERS,
  'POST /complaints/:id/case-decision': COMPLAINT_HANDLERS,
  'POST /complaints/:id/reporter-notification': COMPLAINT_HANDLERS,
  // personal data of complainants and reporters: erasure on a PIPL request
  'POST /personal-data/erasures': ['admin'],
  // inspections: plans, pool, results
  'GET /inspection-plans': 'public',
  'GET /inspection-plans/:id': 'public',
  'GET /inspection-plans/:id/draw': 'public',
  'GET /inspection-plans/:id/draw/verify': 'public',
  'GET /inspection-results': 'public',
  'POST /inspection-plans': ['supervisor'],
  'POST /inspection-plans/:id/cancel': ['supervisor'],
  'POST /inspection-plans/:id/draw': ['supervisor'],
  'GET /inspection-pool': ['supervisor', 'analyst', 'admin'],
  // inspections: tasks
  'GET /inspections': INSPECTION_READERS,
  'GET /inspections/:id': INSPECTION_READERS,
  'GET /inspections/publication-overdue': ['supervisor', 'analyst', 'admin'],
  'POST /inspections/targeted': SUPERVISION,
  'POST /inspections/:id/assign': SUPERVISION,
  'POST /inspections/:id/publish': SUPERVISION,
  'POST /inspections/:id/start': ['inspector'],
  'POST /inspections/:id/findings': ['inspector'],
  'POST /inspections/:id/complete': ['inspector'],
  // inspections: inspectors
  'GET /inspectors': INSPECTION_READERS,
  'GET /inspectors/:id': INSPECTION_READERS,
  'POST /inspectors': SUPERVISION,
  'PUT /inspectors/:id/qualifications': SUPERVISION,
  'POST /inspectors/:id/conflicts': SUPERVISION,
  'DELETE /inspectors/:id/conflicts/:uscc': SUPERVISION,
  'POST /inspectors/:id/deactivate': SUPERVISION,
  'POST /inspectors/:id/reactivate': SUPERVISION,
  // enforcement
  'GET /penalties': 'public',
  'GET /penalties/:caseId': 'public',
  'GET /enforcement/worklist': ENFORCEMENT_ACTORS,
  'GET /matters': ENFORCEMENT_READERS,
  'GET /matters/:id': ENFORCEMENT_READERS,
  'POST /matters': ENFORCEMENT_ACTORS,
  'POST /matters/:id/stop-sale': ENFORCEMENT_ACTORS,
  'POST /matters/:id/correction': ENFORCEMENT_ACTORS,
  'POST /matters/:id/follow-up': ENFORCEMENT_ACTORS,
  'POST /matters/:id/public-notice': ENFORCEMENT_ACTORS,
  'POST /matters/:id/suspension': ENFORCEMENT_ACTORS,
  'POST /matters/:id/revocation': ENFORCEMENT_ACTORS,
  'POST /matters/:id/correction-confirmation': ENFORCEMENT_ACTORS,
  'POST /matters/:id/non-disclosure': ENFORCEMENT_ACTORS,
  'POST /matters/:id/close': ENFORCEMENT_ACTORS,
  'GET /cases': ENFORCEMENT_READERS,
  'GET /cases/:id': ENFORCEMENT_READERS,
  'POST /cases': ENFORCEMENT_ACTORS,
  'POST /cases/:id/verification-extension': ENFORCEMENT_ACTORS,
  'POST /cases/:id/open': ENFORCEMENT_ACTORS,
  'POST /cases/:id/decline': ENFORCEMENT_ACTORS,
  'POST /cases/:id/pause': ENFORCEMENT_ACTORS,
  'POST /cases/:id/resume': ENFORCEMENT_ACTORS,
  'POST /cases/:id/decision-extension': ENFORCEMENT_ACTORS,
  'POST /cases/:id/decision': ENFORCEMENT_ACTORS,
  'POST /cases/:id/publication': ENFORCEMENT_ACTORS,
  // credit
  'GET /credit/abnormal-list': 'public',
  'GET /credit/serious-violation-list': 'public',
  'GET /enterprises/:uscc/credit': CREDIT_READERS,
  'GET /credit/scoring-policies': [...CREDIT_READERS, 'inspector', 'complaint_handler'],
  'POST /credit/scoring-policies': CREDIT_ACTORS,
  'POST /enterprises/:uscc/credit/abnormal-list': CREDIT_ACTORS,
  'DELETE /enterprises/:uscc/credit/abnormal-list': CREDIT_ACTORS,
  'POST /enterprises/:uscc/credit/serious-violation-list': CREDIT_ACTORS,
  'DELETE /enterprises/:uscc/credit/serious-violation-list': CREDIT_ACTORS,
  'POST /enterprises/:uscc/credit/repairs': ['enterprise', ...CREDIT_ACTORS],
  'POST /credit/repairs/:id/decision': CREDIT_ACTORS,
  // audit
  'GET /audit/streams/:id': AUDITORS,
  'GET /audit/events': AUDITORS,
  'GET /audit/trace/:correlationId': AUDITORS,
  'GET /audit/verify': AUDITORS,
};
