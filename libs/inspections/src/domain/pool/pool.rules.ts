import { fold, jurisdictionCovers } from '@regledger/shared';
import { declarationsStateOf, declarationsStreamId, isDeclarationEvent, versionInForceOn } from '@regledger/declarations/contracts';
import type { DeclarationEvent, DeclarationsState, StandardKind } from '@regledger/declarations/contracts';
import { isEnterpriseDeregistered, isEnterpriseRegistered, isEnterpriseRenamed } from '@regledger/enterprises/contracts';
import { isRiskClassChanged } from '@regledger/credit/contracts';
import { isCaseClosed, isCaseOpened } from '@regledger/enforcement/contracts';
import { compareText } from '../draw/draw.rules.js';
import type { CreditClass, LastInspection, PassedSpotCheck, PoolInspector, PoolProduct, PoolTarget } from '../draw/draw.types.js';
import { inspectorDecider, type InspectorState } from '../inspector/inspector.decider.js';
import { isInspectorEvent, type InspectorEvent } from '../inspector/inspector.events.js';
import { isInspectionsDrawn, type PoolBasis } from '../plan/plan.events.js';
import { isInspectionCompleted } from '../inspection/inspection.events.js';

/**
 * The version of the pool builder described in docs/draw-algorithm.md §11 that new draws use. Version 1 gave every
 * target the default class and no open case; version 2 reads the credit context's `RiskClassChanged` and the
 * enforcement context's open cases. A recorded draw is rebuilt with the version it records.
 */
export const POOL_BUILDER_VERSION = 2 as const;

/** The pool builder versions this code can rebuild (docs/draw-algorithm.md §11). */
export const POOL_BUILDER_VERSIONS: readonly PoolBuilderVersion[] = Object.freeze([1, 2] as PoolBuilderVersion[]);
export type PoolBuilderVersion = 1 | 2;

/**
 * The credit class of a target the credit context has not classified (design choice: B, "normal", SAMR 2022 No. 6;
 * configurable with INSPECTION_DEFAULT_CREDIT_CLASS and recorded in each draw's pool basis).
 */
export const DEFAULT_POOL_POLICY: Readonly<{ defaultCreditClass: CreditClass }> = Object.freeze({ defaultCreditClass: 'B' });

/** How to build a pool: for which authority, judged on which date, for which standard kinds, with which default class. */
export interface PoolParameters {
  /** Division code of the plan's authority: targets and inspectors it covers (domain.md §1). */
  authority: string;
  /** YYYY-MM-DD: declarations in force and deregistrations are judged on this date. */
  asOf: string;
  /** Standard kinds in scope; null for all. */
  standardKinds: readonly StandardKind[] | null;
  defaultCreditClass: CreditClass;
  /** Which fold to apply: version 1 ignores credit classes and cases. */
  builderVersion: PoolBuilderVersion;
}

/** A logged event as the builder reads it: its type and data, in log order. */
export interface LoggedEvent {
  type: string;
  data: unknown;
}

/** Events grouped by a key, each group in log order. */
const groupBy = <E>(groups: Map<string, E[]>, key: string, event: E): void => {
  const group = groups.get(key);
  if (group) group.push(event);
  else groups.set(key, [event]);
};

/** A registered inspector as the pool lists it, folded by the inspector decider (SAMR 2019 No. 38: the inspector pool). */
const poolInspectorOf = (s: InspectorState): PoolInspector | null =>
  s.inspectorId === null || s.jurisdiction === null
    ? null
    : { inspectorId: s.inspectorId, jurisdiction: s.jurisdiction, active: s.status === 'active', qualifications: [...s.qualifications], conflicts: [...s.conflicts] };

export interface BuiltPool {
  /** Sorted by USCC. */
  targets: PoolTarget[];
  /** Sorted by inspector id. */
  inspectors: PoolInspector[];
}

interface EnterpriseEntry {
  jurisdiction: string;
  deregisteredOn: string | null;
}

/** The parameters a pool basis records for an authority: the pool it describes is rebuilt with them (docs/draw-algorithm.md §11). */
export const poolParametersOf = (authority: string, basis: Pick<PoolBasis, 'asOf' | 'standardKinds' | 'defaultCreditClass' | 'builderVersion'>): PoolParameters => ({
  authority,
  asOf: basis.asOf,
  standardKinds: basis.standardKinds,
  defaultCreditClass: basis.defaultCreditClass,
  builderVersion: basis.builderVersion,
});

/** A pool position as the draw input records it: `<commit>/<prepare>` in decimal (docs/draw-algorithm.md §11). */
export const poolPositionText = (position: PoolBasis['position']): string => `${position.commit}/${position.prepare}`;

/** An enterprise is in the pool while registered: its deregistration has not taken effect on `asOf` (SAMR 2019 No. 38: the pool lists market entities). */
export const enterpriseInPool = (e: EnterpriseEntry, asOf: string): boolean => e.deregisteredOn === null || e.deregisteredOn > asOf;

/** A later inspection replaces the last one: later completedOn, or the same day and later in the log (rotation, Administrative Penalty Law art. 43). */
const laterInspection = (current: LastInspection | undefined, next: LastInspection): boolean => current === undefined || next.completedOn >= current.completedOn;

/**
 * Folds the log, cut at the pool position, into the target and inspector pools of an authority (SAMR 2019 No. 38;
 * docs/draw-algorithm.md §11). Pure: the same events and parameters always give the same pool.
 */
export const buildPool = (events: readonly LoggedEvent[], params: PoolParameters): BuiltPool => {
  const enterprises = new Map<string, EnterpriseEntry>();
  // One declarations stream per enterprise and one stream per inspector, each folded by its own decider.
  const declarationStreams = new Map<string, DeclarationEvent[]>();
  const inspectorStreams = new Map<string, InspectorEvent[]>();
  const lastDrawnOn = new Map<string, string>();
  const lastInspection = new Map<string, LastInspection>();
  const passedChecks = new Map<string, PassedSpotCheck[]>();
  // Version 2: the class the credit context last recorded, and the products under an open case, per enterprise.
  const creditClasses = new Map<string, CreditClass>();
  const openCases = new Map<string, Map<string, string>>();
  const readsCreditAndCases = params.builderVersion >= 2;

  for (const e of events) {
    if (readsCreditAndCases) {
      if (isRiskClassChanged(e)) {
        creditClasses.set(e.data.uscc, e.data.to);
        continue;
      }
      if (isCaseOpened(e)) {
        if (e.data.productKey !== null) {
          const cases = openCases.get(e.data.uscc) ?? new Map<string, string>();
          cases.set(e.data.caseId, e.data.productKey);
          openCases.set(e.data.uscc, cases);
        }
        continue;
      }
      if (isCaseClosed(e)) {
        openCases.get(e.data.uscc)?.delete(e.data.caseId);
        continue;
      }
    }
    if (isEnterpriseRegistered(e)) {
      enterprises.set(e.data.uscc, { jurisdiction: e.data.jurisdiction, deregisteredOn: null });
    } else if (isEnterpriseRenamed(e)) {
      const entry = enterprises.get(e.data.uscc);
      if (entry) entry.jurisdiction = e.data.jurisdiction;
    } else if (isEnterpriseDeregistered(e)) {
      const entry = enterprises.get(e.data.uscc);
      if (entry) entry.deregisteredOn = e.data.effectiveDate;
    } else if (isDeclarationEvent(e)) {
      groupBy(declarationStreams, declarationsStreamId(e.data.uscc), e as DeclarationEvent);
    } else if (isInspectorEvent(e)) {
      groupBy(inspectorStreams, e.data.inspectorId, e as InspectorEvent);
    } else if (isInspectionsDrawn(e)) {
      const drawn = e.data;
      for (const a of drawn.result.assignments) {
        const before = lastDrawnOn.get(a.uscc);
        if (before === undefined || drawn.drawnOn > before) lastDrawnOn.set(a.uscc, drawn.drawnOn);
      }
    } else if (isInspectionCompleted(e)) {
      const c = e.data;
      const next: LastInspection = {
        inspectorIds: [...c.inspectorIds],
        ...(c.productKey === null ? {} : { productKey: c.productKey }),
        outcome: c.outcome,
        completedOn: c.completedOn,
        authority: c.authority,
      };
      if (laterInspection(lastInspection.get(c.uscc), next)) lastInspection.set(c.uscc, next);
      if (c.outcome === 'conforming' && c.productKey !== null) {
        const list = passedChecks.get(c.uscc) ?? [];
        list.push({ productKey: c.productKey, completedOn: c.completedOn, authority: c.authority });
        passedChecks.set(c.uscc, list);
      }
    }
  }

  const productsByUscc = new Map<string, Map<string, PoolProduct>>();
  for (const stream of declarationStreams.values()) {
    const state: DeclarationsState = declarationsStateOf(stream);
    for (const id of state.order) {
      const decl = state.declarations[id];
      const content = versionInForceOn(decl, params.asOf)?.content;
      if (content === undefined) continue;
      if (params.standardKinds !== null && !params.standardKinds.includes(content.standard.kind)) continue;
      const products = productsByUscc.get(decl.uscc) ?? new Map<string, PoolProduct>();
      for (const p of content.products) {
        const product: PoolProduct = { name: p.name, model: p.model, category: p.category, standardNumber: content.standard.number };
        products.set(JSON.stringify([product.category, product.model, product.name, product.standardNumber]), product);
      }
      productsByUscc.set(decl.uscc, products);
    }
  }

  const targets: PoolTarget[] = [];
  for (const [uscc, enterprise] of [...enterprises.entries()].sort((a, b) => compareText(a[0], b[0]))) {
    if (!enterpriseInPool(enterprise, params.asOf) || !jurisdictionCovers(params.authority, enterprise.jurisdiction)) continue;
    const products = [...(productsByUscc.get(uscc)?.entries() ?? [])].sort((a, b) => compareText(a[0], b[0])).map(([, p]) => p);
    // A plan restricted to some standard kinds has nothing to inspect at an enterprise without a product under them.
    if (params.standardKinds !== null && products.length === 0) continue;
    const last = lastInspection.get(uscc);
    const drawnOn = lastDrawnOn.get(uscc);
    targets.push({
      uscc,
      jurisdiction: enterprise.jurisdiction,
      creditClass: creditClasses.get(uscc) ?? params.defaultCreditClass,
      products,
      ...(last === undefined ? {} : { lastInspection: last }),
      ...(drawnOn === undefined ? {} : { lastDrawnOn: drawnOn }),
      openCaseProductKeys: [...new Set(openCases.get(uscc)?.values() ?? [])].sort(compareText),
      passedSpotChecks: passedChecks.get(uscc) ?? [],
    });
  }

  const pooledInspectors = [...inspectorStreams.values()]
    .map((stream) => poolInspectorOf(fold(inspectorDecider, stream)))
    .filter((i): i is PoolInspector => i !== null && jurisdictionCovers(params.authority, i.jurisdiction))
    .sort((a, b) => compareText(a.inspectorId, b.inspectorId));
  return { targets, inspectors: pooledInspectors };
};
