import { jurisdictionCovers } from '@regledger/shared';
import type { DeclarationContent, StandardKind } from '@regledger/declarations/contracts';
import type { CreditClass, InspectionOutcome, LastInspection, PassedSpotCheck, PoolInspector, PoolProduct, PoolTarget } from '../draw/draw.types.js';
import type { InspectionCompletedData, InspectionResultOutcome } from '../inspection/inspection.events.js';
import type { InspectorEvent } from '../inspector/inspector.events.js';
import type { InspectionsDrawnData } from '../plan/plan.events.js';

/** The version of the pool builder described in docs/draw-algorithm.md §11. */
export const POOL_BUILDER_VERSION = 1 as const;

/**
 * The credit class every target gets until a credit context classifies enterprises (design choice: B, "normal", SAMR 2022 No. 6;
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
}

/** A logged event as the builder reads it: its type and data, in log order. */
export interface LoggedEvent {
  type: string;
  data: unknown;
}

export interface BuiltPool {
  /** Sorted by USCC. */
  targets: PoolTarget[];
  /** Sorted by inspector id. */
  inspectors: PoolInspector[];
}

/** An inspection outcome as the draw knows it; every outcome of the tasks part maps to itself (docs/draw-algorithm.md §11). */
export const drawOutcomeOf = (outcome: InspectionResultOutcome): InspectionOutcome => outcome;

interface EnterpriseEntry {
  jurisdiction: string;
  deregisteredOn: string | null;
}

interface DeclarationEntry {
  uscc: string;
  versions: { effectiveFrom: string; content: DeclarationContent }[];
  abolishedOn: string | null;
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The version in force on `asOf`: the last one whose effectiveFrom is on or before it (domain.md §3: the declaration in force on a date). */
const contentInForce = (d: DeclarationEntry, asOf: string): DeclarationContent | null => {
  if (d.abolishedOn !== null && d.abolishedOn <= asOf) return null;
  let inForce: DeclarationContent | null = null;
  for (const v of d.versions) if (v.effectiveFrom <= asOf) inForce = v.content;
  return inForce;
};

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
  const declarations = new Map<string, DeclarationEntry>();
  const inspectors = new Map<string, PoolInspector>();
  const lastDrawnOn = new Map<string, string>();
  const lastInspection = new Map<string, LastInspection>();
  const passedChecks = new Map<string, PassedSpotCheck[]>();

  for (const e of events) {
    const d = e.data as Record<string, never>;
    switch (e.type) {
      case 'EnterpriseRegistered':
        enterprises.set(d.uscc, { jurisdiction: d.jurisdiction, deregisteredOn: null });
        break;
      case 'EnterpriseRenamed': {
        const entry = enterprises.get(d.uscc);
        if (entry) entry.jurisdiction = d.jurisdiction;
        break;
      }
      case 'EnterpriseDeregistered': {
        const entry = enterprises.get(d.uscc);
        if (entry) entry.deregisteredOn = d.effectiveDate;
        break;
      }
      case 'StandardDeclared':
        declarations.set(d.declarationId, { uscc: d.uscc, versions: [{ effectiveFrom: d.effectiveFrom, content: d.content }], abolishedOn: null });
        break;
      case 'DeclarationRevised':
        declarations.get(d.declarationId)?.versions.push({ effectiveFrom: d.effectiveFrom, content: d.content });
        break;
      case 'DeclarationAbolished': {
        const entry = declarations.get(d.declarationId);
        if (entry) entry.abolishedOn = d.effectiveDate;
        break;
      }
      case 'InspectorRegistered':
      case 'InspectorQualificationsUpdated':
      case 'InspectorConflictDeclared':
      case 'InspectorConflictWithdrawn':
      case 'InspectorDeactivated':
      case 'InspectorReactivated':
        applyInspectorEvent(inspectors, e as InspectorEvent);
        break;
      case 'InspectionsDrawn': {
        const drawn = e.data as InspectionsDrawnData;
        for (const a of drawn.result.assignments) {
          const before = lastDrawnOn.get(a.uscc);
          if (before === undefined || drawn.drawnOn > before) lastDrawnOn.set(a.uscc, drawn.drawnOn);
        }
        break;
      }
      case 'InspectionCompleted': {
        const c = e.data as InspectionCompletedData;
        const next: LastInspection = {
          inspectorIds: [...c.inspectorIds],
          ...(c.productKey === null ? {} : { productKey: c.productKey }),
          outcome: drawOutcomeOf(c.outcome),
          completedOn: c.completedOn,
          authority: c.authority,
        };
        if (laterInspection(lastInspection.get(c.uscc), next)) lastInspection.set(c.uscc, next);
        if (c.outcome === 'conforming' && c.productKey !== null) {
          const list = passedChecks.get(c.uscc) ?? [];
          list.push({ productKey: c.productKey, completedOn: c.completedOn, authority: c.authority });
          passedChecks.set(c.uscc, list);
        }
        break;
      }
      default:
        break;
    }
  }

  const productsByUscc = new Map<string, Map<string, PoolProduct>>();
  for (const decl of declarations.values()) {
    const content = contentInForce(decl, params.asOf);
    if (content === null) continue;
    if (params.standardKinds !== null && !params.standardKinds.includes(content.standard.kind)) continue;
    const products = productsByUscc.get(decl.uscc) ?? new Map<string, PoolProduct>();
    for (const p of content.products) {
      const product: PoolProduct = { name: p.name, model: p.model, category: p.category, standardNumber: content.standard.number };
      products.set(JSON.stringify([product.category, product.model, product.name, product.standardNumber]), product);
    }
    productsByUscc.set(decl.uscc, products);
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
      creditClass: params.defaultCreditClass,
      products,
      ...(last === undefined ? {} : { lastInspection: last }),
      ...(drawnOn === undefined ? {} : { lastDrawnOn: drawnOn }),
      // Open cases come from a cases context; until one exists no product is under an open case.
      openCaseProductKeys: [],
      passedSpotChecks: passedChecks.get(uscc) ?? [],
    });
  }

  const pooledInspectors = [...inspectors.values()]
    .filter((i) => jurisdictionCovers(params.authority, i.jurisdiction))
    .sort((a, b) => compareText(a.inspectorId, b.inspectorId));
  return { targets, inspectors: pooledInspectors };
};

const applyInspectorEvent = (inspectors: Map<string, PoolInspector>, e: InspectorEvent): void => {
  if (e.type === 'InspectorRegistered') {
    const d = e.data;
    inspectors.set(d.inspectorId, { inspectorId: d.inspectorId, jurisdiction: d.jurisdiction, active: true, qualifications: [...d.qualifications], conflicts: [...d.conflicts] });
    return;
  }
  const current = inspectors.get(e.data.inspectorId);
  if (!current) return;
  switch (e.type) {
    case 'InspectorQualificationsUpdated':
      current.qualifications = [...e.data.qualifications];
      break;
    case 'InspectorConflictDeclared':
      if (!current.conflicts.includes(e.data.uscc)) current.conflicts = [...current.conflicts, e.data.uscc].sort(compareText);
      break;
    case 'InspectorConflictWithdrawn':
      current.conflicts = current.conflicts.filter((u) => u !== e.data.uscc);
      break;
    case 'InspectorDeactivated':
      current.active = false;
      break;
    case 'InspectorReactivated':
      current.active = true;
      break;
    default:
      break;
  }
};
