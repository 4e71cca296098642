import type { DomainEvent } from '@regledger/shared';
import type { DeclarationContent } from './declaration.types.js';

/** A standard was declared; version 1 is in force from the day it was declared (Standardization Law art. 27). */
export interface StandardDeclaredData {
  declarationId: string;
  /** Canonical USCC. */
  uscc: string;
  enterpriseName: string;
  /** The enterprise's GB/T 2260 jurisdiction when it declared. */
  jurisdiction: string;
  version: 1;
  content: DeclarationContent;
  /** YYYY-MM-DD, equal to `declaredOn`. */
  effectiveFrom: string;
  /** YYYY-MM-DD in China time. */
  declaredOn: string;
}

/** Why a declaration came late (domain.md §3, design choice policy values). */
export type LateReason =
  | { rule: 'after_first_sale'; firstSaleOn: string; declaredOn: string }
  | { rule: 'after_issue_window'; issuedOn: string; declaredOn: string; daysAfterIssue: number; allowedDays: number };

/** The version just declared or revised came late; it is accepted all the same. */
export interface DeclarationMarkedLateData {
  declarationId: string;
  uscc: string;
  version: number;
  reasons: LateReason[];
}

/** Review: a revised standard declared again as a new version (domain.md §3). */
export interface DeclarationRevisedData {
  declarationId: string;
  uscc: string;
  version: number;
  /** The enterprise's name when it revised; a revision also declares the standard under the current name. */
  enterpriseName: string;
  content: DeclarationContent;
  /** YYYY-MM-DD. */
  effectiveFrom: string;
}

/** Review: the standard continues valid (domain.md §3). */
export interface DeclarationConfirmedData {
  declarationId: string;
  uscc: string;
  version: number;
  /** YYYY-MM-DD in China time. */
  reviewedOn: string;
}

/** Review: the standard is abolished from `effectiveDate` on (domain.md §3). */
export interface DeclarationAbolishedData {
  declarationId: string;
  uscc: string;
  version: number;
  /** YYYY-MM-DD. */
  effectiveDate: string;
}

/** After a change of name every listed active declaration must be declared again by `deadline` (domain.md §3). */
export interface RedeclarationRequiredData {
  uscc: string;
  previousName: string;
  newName: string;
  /** YYYY-MM-DD. */
  renamedOn: string;
  /** YYYY-MM-DD: `renamedOn` + policy.redeclareWithinDays, the last day in time. */
  deadline: string;
  declarationIds: string[];
  /** Id of the `EnterpriseRenamed` event this reacts to. */
  sourceEventId: string;
}

/** The declaration was declared again under the enterprise's current name (domain.md §3). */
export interface DeclarationRedeclaredData {
  declarationId: string;
  uscc: string;
  version: number;
  enterpriseName: string;
}

/** The re-declaration deadline passed with the declaration still waiting (domain.md §3, design choice). */
export interface RedeclarationOverdueData {
  declarationId: string;
  uscc: string;
  /** YYYY-MM-DD. */
  deadline: string;
  /** YYYY-MM-DD in China time. */
  recordedOn: string;
}

export type StandardDeclared = DomainEvent<'StandardDeclared', StandardDeclaredData>;
export type DeclarationMarkedLate = DomainEvent<'DeclarationMarkedLate', DeclarationMarkedLateData>;
export type DeclarationRevised = DomainEvent<'DeclarationRevised', DeclarationRevisedData>;
export type DeclarationConfirmed = DomainEvent<'DeclarationConfirmed', DeclarationConfirmedData>;
export type DeclarationAbolished = DomainEvent<'DeclarationAbolished', DeclarationAbolishedData>;
export type RedeclarationRequired = DomainEvent<'RedeclarationRequired', RedeclarationRequiredData>;
export type DeclarationRedeclared = DomainEvent<'DeclarationRedeclared', DeclarationRedeclaredData>;
export type RedeclarationOverdue = DomainEvent<'RedeclarationOverdue', RedeclarationOverdueData>;

export type DeclarationEvent =
  | StandardDeclared
  | DeclarationMarkedLate
  | DeclarationRevised
  | DeclarationConfirmed
  | DeclarationAbolished
  | RedeclarationRequired
  | DeclarationRedeclared
  | RedeclarationOverdue;

export type DeclarationEventType = DeclarationEvent['type'];

export const DECLARATION_EVENT_TYPES = [
  'StandardDeclared',
  'DeclarationMarkedLate',
  'DeclarationRevised',
  'DeclarationConfirmed',
  'DeclarationAbolished',
  'RedeclarationRequired',
  'DeclarationRedeclared',
  'RedeclarationOverdue',
] as const satisfies readonly DeclarationEventType[];

/** Every stream of the context starts with this prefix. */
export const DECLARATIONS_STREAM_PREFIX = 'declarations-';

/** One stream per enterprise holds all its declarations, keyed by its canonical USCC (trimmed, upper case). */
export const declarationsStreamId = (uscc: string): string => `${DECLARATIONS_STREAM_PREFIX}${uscc.trim().toUpperCase()}`;
