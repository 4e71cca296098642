import type { AbnormalReason, EntryKind, EntrySource, PenaltySector, RepairTarget, RiskClass, SeriousViolationGrounds, SeriousViolationRemovalReason } from '../credit.types.js';
import type { CreditEvent, RiskClassChangedData } from './credit-record.events.js';

export interface EntryState {
  entryId: string;
  kind: EntryKind;
  occurredOn: string;
  matterId: string | null;
  caseId: string | null;
  listingId: string | null;
  sources: EntrySource[];
  summary: string;
  penalty: { sector: PenaltySector; publicationRequired: boolean } | null;
  /** The day a granted repair neutralised the entry, or null. */
  repairedOn: string | null;
  repairId: string | null;
}

export interface AbnormalListingState {
  listingId: string;
  reason: AbnormalReason;
  placedOn: string;
  removedOn: string | null;
  cure: string | null;
  /** The serious-violation listing it moved to after 3 years uncured. */
  escalatedTo: string | null;
}

export interface SeriousListingState {
  listingId: string;
  grounds: SeriousViolationGrounds;
  listedOn: string;
  listedUntil: string;
  removedOn: string | null;
  removalReason: SeriousViolationRemovalReason | null;
}

export interface RepairState {
  repairId: string;
  target: RepairTarget;
  obligationsFulfilled: boolean;
  harmRemedied: boolean;
  appliedOn: string;
  status: 'applied' | 'granted' | 'refused';
  decidedOn: string | null;
  reason: string | null;
}

/** The credit record of one enterprise (stream `credit-<uscc>`). */
export interface CreditRecordState {
  uscc: string | null;
  /** Events applied. */
  version: number;
  entries: EntryState[];
  abnormal: AbnormalListingState[];
  serious: SeriousListingState[];
  repairs: RepairState[];
  riskClass: RiskClass | null;
  score: number | null;
  policyVersion: number | null;
  classHistory: RiskClassChangedData[];
}

export const INITIAL_CREDIT_RECORD: CreditRecordState = Object.freeze({
  uscc: null,
  version: 0,
  entries: [],
  abnormal: [],
  serious: [],
  repairs: [],
  riskClass: null,
  score: null,
  policyVersion: null,
  classHistory: [],
}) as unknown as CreditRecordState;

/** The entries a granted repair neutralises: those of the repaired case and of its matter, or of the repaired listing (SAMR 2021 No. 3). */
export const entriesNeutralisedBy = (entries: readonly EntryState[], target: RepairTarget): Set<string> => {
  if (target.kind === 'serious_violation_list') return new Set(entries.filter((e) => e.listingId === target.listingId && e.kind === 'serious_violation_listed').map((e) => e.entryId));
  const matters = new Set(entries.filter((e) => e.caseId === target.caseId && e.matterId !== null).map((e) => e.matterId as string));
  return new Set(entries.filter((e) => e.caseId === target.caseId || (e.matterId !== null && matters.has(e.matterId))).map((e) => e.entryId));
};

/** Pure fold of one event into the record. */
export const evolveCreditRecord = (s: CreditRecordState, e: CreditEvent): CreditRecordState => {
  const next = { ...s, uscc: s.uscc ?? e.data.uscc, version: s.version + 1 };
  switch (e.type) {
    case 'CreditEntryRecorded': {
      const d = e.data;
      if (s.entries.some((x) => x.entryId === d.entryId)) return next;
      return {
        ...next,
        entries: [
          ...s.entries,
          {
            entryId: d.entryId,
            kind: d.kind,
            occurredOn: d.occurredOn,
            matterId: d.matterId,
            caseId: d.caseId,
            listingId: d.listingId ?? null,
            sources: d.sources,
            summary: d.summary,
            penalty: d.penalty ?? null,
            repairedOn: null,
            repairId: null,
          },
        ],
      };
    }
    case 'RiskClassChanged':
      return { ...next, riskClass: e.data.to, score: e.data.score, policyVersion: e.data.policyVersion, classHistory: [...s.classHistory, e.data] };
    case 'AbnormalListPlaced': {
      const d = e.data;
      return { ...next, abnormal: [...s.abnormal, { listingId: d.listingId, reason: d.reason, placedOn: d.placedOn, removedOn: null, cure: null, escalatedTo: null }] };
    }
    case 'AbnormalListRemoved': {
      const d = e.data;
      return { ...next, abnormal: s.abnormal.map((l) => (l.listingId === d.listingId ? { ...l, removedOn: d.removedOn, cure: d.cure } : l)) };
    }
    case 'SeriousViolationListed': {
      const d = e.data;
      const g = d.grounds;
      return {
        ...next,
        serious: [...s.serious, { listingId: d.listingId, grounds: g, listedOn: d.listedOn, listedUntil: d.listedUntil, removedOn: null, removalReason: null }],
        abnormal: g.kind === 'abnormal_three_years' ? s.abnormal.map((l) => (l.listingId === g.listingId ? { ...l, escalatedTo: d.listingId } : l)) : s.abnormal,
      };
    }
    case 'SeriousViolationRemoved': {
      const d = e.data;
      return { ...next, serious: s.serious.map((l) => (l.listingId === d.listingId ? { ...l, removedOn: d.removedOn, removalReason: d.reason } : l)) };
    }
    case 'RepairApplied': {
      const d = e.data;
      return {
        ...next,
        repairs: [...s.repairs, { repairId: d.repairId, target: d.target, obligationsFulfilled: d.obligationsFulfilled, harmRemedied: d.harmRemedied, appliedOn: d.appliedOn, status: 'applied', decidedOn: null, reason: null }],
      };
    }
    case 'RepairGranted': {
      const d = e.data;
      const neutralised = entriesNeutralisedBy(s.entries, d.target);
      return {
        ...next,
        repairs: s.repairs.map((r) => (r.repairId === d.repairId ? { ...r, status: 'granted', decidedOn: d.decidedOn, reason: d.reason } : r)),
        entries: s.entries.map((x) => (neutralised.has(x.entryId) && x.repairedOn === null ? { ...x, repairedOn: d.decidedOn, repairId: d.repairId } : x)),
      };
    }
    case 'RepairRefused': {
      const d = e.data;
      return { ...next, repairs: s.repairs.map((r) => (r.repairId === d.repairId ? { ...r, status: 'refused', decidedOn: d.decidedOn, reason: d.reason } : r)) };
    }
    default:
      return next;
  }
};
