import type { EntrySource, RiskClass } from '../credit.types.js';
import { policyInForceOn } from '../scoring-policy/scoring-policy.rules.js';
import { scoringPoliciesFrom } from '../scoring-policy/scoring-policy.decider.js';
import type { CreditEvent, RiskClassChangedData } from './credit-record.events.js';
import { scoreCredit } from './credit-scoring.js';
import { INITIAL_CREDIT_RECORD, evolveCreditRecord } from './credit-record.state.js';

/** An event as read from the log (a recorded envelope) or as decided (no id). */
export interface ExplainableEvent {
  type: string;
  data: unknown;
  id?: string;
  streamId?: string;
}

export interface ExplainedEntry {
  entryId: string;
  kind: string;
  occurredOn: string;
  summary: string;
  matterId: string | null;
  caseId: string | null;
  listingId: string | null;
  /** The policy's points, or 0 when the entry does not count on asOf. */
  points: number;
  counted: boolean;
  repaired: boolean;
  repairId: string | null;
  expiresOn: string | null;
  /** The events the entry was derived from. */
  sources: EntrySource[];
  /** The record's own event that holds the entry. */
  recordedAs: { eventId: string | null; streamId: string | null };
}

export interface CreditExplanation {
  uscc: string | null;
  asOf: string;
  class: RiskClass;
  score: number;
  scoreClass: RiskClass;
  policyVersion: number;
  basePoints: number;
  thresholds: { A: number; B: number; C: number };
  listed: { abnormal: boolean; seriousViolation: boolean };
  entries: ExplainedEntry[];
  classHistory: RiskClassChangedData[];
}

/** The business date an event of the record takes effect on: what "the record as it stood on asOf" keeps (design choice). */
export const creditEventDate = (e: CreditEvent): string => {
  switch (e.type) {
    case 'CreditEntryRecorded':
      return e.data.occurredOn;
    case 'RiskClassChanged':
      return e.data.on;
    case 'AbnormalListPlaced':
      return e.data.placedOn;
    case 'AbnormalListRemoved':
      return e.data.removedOn;
    case 'SeriousViolationListed':
      return e.data.listedOn;
    case 'SeriousViolationRemoved':
      return e.data.removedOn;
    case 'RepairApplied':
      return e.data.appliedOn;
    case 'RepairGranted':
    case 'RepairRefused':
      return e.data.decidedOn;
  }
};

const CREDIT_TYPES = new Set(['CreditEntryRecorded', 'RiskClassChanged', 'AbnormalListPlaced', 'AbnormalListRemoved', 'SeriousViolationListed', 'SeriousViolationRemoved', 'RepairApplied', 'RepairGranted', 'RepairRefused']);

/**
 * Why an enterprise has its class on a date (domain.md §8, design choice: every point traceable to the events
 * behind it): folds the record's events dated on or before asOf and the policy versions in force on asOf, and
 * scores them. Pure; usable by the API and by other contexts.
 */
export const explainCredit = (recordEvents: readonly ExplainableEvent[], policyEvents: readonly ExplainableEvent[], asOf: string): CreditExplanation => {
  const kept = recordEvents.filter((e) => CREDIT_TYPES.has(e.type) && creditEventDate(e as CreditEvent) <= asOf);
  const state = kept.reduce((s, e) => evolveCreditRecord(s, e as CreditEvent), INITIAL_CREDIT_RECORD);
  const policy = policyInForceOn(scoringPoliciesFrom(policyEvents), asOf);
  const scored = scoreCredit(state, policy, asOf);
  const recordedAs = new Map<string, { eventId: string | null; streamId: string | null }>();
  for (const e of kept) {
    if (e.type === 'CreditEntryRecorded') {
      const id = (e.data as { entryId: string }).entryId;
      if (!recordedAs.has(id)) recordedAs.set(id, { eventId: e.id ?? null, streamId: e.streamId ?? null });
    }
  }
  return {
    uscc: state.uscc,
    asOf,
    class: scored.riskClass,
    score: scored.score,
    scoreClass: scored.scoreClass,
    policyVersion: policy.version,
    basePoints: policy.basePoints,
    thresholds: { ...policy.thresholds },
    listed: scored.listed,
    entries: state.entries.map((entry, i) => {
      const c = scored.contributions[i];
      return {
        entryId: entry.entryId,
        kind: entry.kind,
        occurredOn: entry.occurredOn,
        summary: entry.summary,
        matterId: entry.matterId,
        caseId: entry.caseId,
        listingId: entry.listingId,
        points: c.points,
        counted: c.counted,
        repaired: c.repaired,
        repairId: c.repaired ? entry.repairId : null,
        expiresOn: c.expiresOn,
        sources: entry.sources,
        recordedAs: recordedAs.get(entry.entryId) ?? { eventId: null, streamId: null },
      };
    }),
    classHistory: state.classHistory,
  };
};
