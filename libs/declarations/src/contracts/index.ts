/**
 * What other bounded contexts may depend on in the declarations context: the published events and their content types,
 * the stream naming, the policy values, and the commands this context accepts from policies and schedulers.
 *
 * Enforcement and credit react to `DeclarationMarkedLate` and `RedeclarationOverdue` (domain.md §3, §8).
 */
import type { DeclarationEvent, DeclarationMarkedLate, RedeclarationOverdue } from '../domain/declaration.events.js';
import { DECLARATION_EVENT_TYPES } from '../domain/declaration.events.js';
import type { NarrowedEvent } from '@regledger/shared';

export type {
  DeclarationAbolished,
  DeclarationAbolishedData,
  DeclarationConfirmed,
  DeclarationConfirmedData,
  DeclarationEvent,
  DeclarationEventType,
  DeclarationMarkedLate,
  DeclarationMarkedLateData,
  DeclarationRedeclared,
  DeclarationRedeclaredData,
  DeclarationRevised,
  DeclarationRevisedData,
  LateReason,
  RedeclarationOverdue,
  RedeclarationOverdueData,
  RedeclarationRequired,
  RedeclarationRequiredData,
  StandardDeclared,
  StandardDeclaredData,
} from '../domain/declaration.events.js';
export { DECLARATION_EVENT_TYPES, DECLARATIONS_STREAM_PREFIX, declarationsStreamId } from '../domain/declaration.events.js';

export type {
  BelowRecommended,
  DeclarationContent,
  DeclarationPolicy,
  DeclarationStatus,
  DeclaredProduct,
  Indicator,
  StandardRef,
} from '../domain/declaration.types.js';
export { DEFAULT_DECLARATION_POLICY } from '../domain/declaration.types.js';
/** Other contexts fold a declarations stream with the decider's `evolve` and read the version in force on a date (domain.md §3). */
export type { DeclarationRecord, DeclarationVersionRecord, DeclarationsState } from '../domain/declaration.decider.js';
export { versionInForceOn } from '../domain/declaration.rules.js';
export type { DeclarationVersionInForce } from '../domain/declaration-in-force.js';
export { declarationsInForceFor, declarationsStateOf } from '../domain/declaration-in-force.js';
export type { StandardKind, StandardNature } from '../domain/standard-number.rule.js';
export { STANDARD_KINDS } from '../domain/standard-number.rule.js';
export type { ProductCategory } from '../domain/product-category.js';
export { KEY_CATEGORIES, PRODUCT_CATEGORIES, isKeyCategory, isProductCategory } from '../domain/product-category.js';

export type {
  RecordRedeclarationOverdue,
  RecordRedeclarationOverdueData,
  RequireRedeclaration,
  RequireRedeclarationData,
} from '../domain/declaration.commands.js';


export const isDeclarationEvent = <E extends { type: string }>(e: E): e is NarrowedEvent<E, DeclarationEvent> =>
  (DECLARATION_EVENT_TYPES as readonly string[]).includes(e.type);

/** Works on recorded envelopes too: `data` is narrowed to `DeclarationMarkedLateData`. */
export const isDeclarationMarkedLate = <E extends { type: string }>(e: E): e is NarrowedEvent<E, DeclarationMarkedLate> =>
  e.type === 'DeclarationMarkedLate';

/** Works on recorded envelopes too: `data` is narrowed to `RedeclarationOverdueData`. */
export const isRedeclarationOverdue = <E extends { type: string }>(e: E): e is NarrowedEvent<E, RedeclarationOverdue> =>
  e.type === 'RedeclarationOverdue';
