import type { DomainEvent } from '@regledger/shared';
import { normaliseUscc } from './uscc.rule.js';

/** An enterprise entered the register. `registeredOn` is the China-time (UTC+8) date the command was decided on. */
export interface EnterpriseRegisteredData {
  /** Canonical USCC (upper case, 18 characters). */
  uscc: string;
  name: string;
  /** GB/T 2260 six-digit division code of the supervising authority. */
  jurisdiction: string;
  address: string;
  industry: string;
  /** YYYY-MM-DD. */
  registeredOn: string;
}

/** The enterprise's name changed; the new name applies from `effectiveDate`. */
export interface EnterpriseRenamedData {
  uscc: string;
  previousName: string;
  newName: string;
  /** YYYY-MM-DD: the first day of the new name. */
  effectiveDate: string;
  /** The enterprise's jurisdiction at the time of the rename. */
  jurisdiction: string;
}

/** The enterprise left the register from `effectiveDate` on. */
export interface EnterpriseDeregisteredData {
  uscc: string;
  /** YYYY-MM-DD. */
  effectiveDate: string;
  reason: string;
}

export type EnterpriseRegistered = DomainEvent<'EnterpriseRegistered', EnterpriseRegisteredData>;
export type EnterpriseRenamed = DomainEvent<'EnterpriseRenamed', EnterpriseRenamedData>;
export type EnterpriseDeregistered = DomainEvent<'EnterpriseDeregistered', EnterpriseDeregisteredData>;

export type EnterpriseEvent = EnterpriseRegistered | EnterpriseRenamed | EnterpriseDeregistered;

export type EnterpriseEventType = EnterpriseEvent['type'];

export const ENTERPRISE_EVENT_TYPES = ['EnterpriseRegistered', 'EnterpriseRenamed', 'EnterpriseDeregistered'] as const satisfies readonly EnterpriseEventType[];

/** Every stream of the context starts with this prefix. */
export const ENTERPRISE_STREAM_PREFIX = 'enterprise-';

/** One stream per enterprise, keyed by its canonical USCC (normalised here, so `9144…` and ` 9144… ` share a stream). */
export const enterpriseStreamId = (uscc: string): string => `${ENTERPRISE_STREAM_PREFIX}${normaliseUscc(uscc)}`;
