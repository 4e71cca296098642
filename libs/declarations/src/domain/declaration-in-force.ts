import { fold } from '@regledger/shared';
import { declarationDecider, type DeclarationsState } from './declaration.decider.js';
import type { DeclarationEvent } from './declaration.events.js';
import { DECLARATION_EVENT_TYPES } from './declaration.events.js';
import { searchable, versionInForceOn } from './declaration.rules.js';
import type { Indicator, StandardRef } from './declaration.types.js';

/** One declaration version that covered a product on a date. */
export interface DeclarationVersionInForce {
  declarationId: string;
  uscc: string;
  version: number;
  standard: StandardRef;
  indicators: Indicator[];
  /** YYYY-MM-DD: the version's first day. */
  effectiveFrom: string;
  /** YYYY-MM-DD: the first day it no longer applied (the next version or the abolition), or null while open-ended. */
  effectiveTo: string | null;
}

/** The declarations of an enterprise as its declarations stream holds them; other events are ignored. */
export const declarationsStateOf = (events: readonly { type: string; data: unknown }[]): DeclarationsState => {
  const known = DECLARATION_EVENT_TYPES as readonly string[];
  return fold(declarationDecider, events.filter((e): e is DeclarationEvent => known.includes(e.type)));
};

/**
 * Which declaration versions covered a product (name + model) on a date, folded from the enterprise's
 * declarations stream (`declarationsStreamId(uscc)`): products conform to the declaration in force on
 * their production date (domain.md §3, Guangdong plan). Several standards may apply at once; the
 * answer follows the order the declarations were made.
 */
export const declarationsInForceFor = (
  events: readonly { type: string; data: unknown }[],
  product: { name: string; model: string },
  date: string,
): DeclarationVersionInForce[] => {
  const state = declarationsStateOf(events);
  const name = searchable(product.name);
  const model = searchable(product.model);
  const out: DeclarationVersionInForce[] = [];
  for (const id of state.order) {
    const record = state.declarations[id];
    const version = versionInForceOn(record, date);
    if (!version) continue;
    if (!version.content.products.some((p) => searchable(p.name) === name && searchable(p.model) === model)) continue;
    const next = record.versions.find((v) => v.version > version.version && v.effectiveFrom > date);
    out.push({
      declarationId: record.declarationId,
      uscc: record.uscc,
      version: version.version,
      standard: version.content.standard,
      indicators: version.content.indicators,
      effectiveFrom: version.effectiveFrom,
      effectiveTo: [next?.effectiveFrom, record.abolishedOn].filter((d): d is string => typeof d === 'string').sort()[0] ?? null,
    });
  }
  return out;
};
