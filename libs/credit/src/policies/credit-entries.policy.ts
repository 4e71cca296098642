import type { CommandBus, ICommand } from '@nestjs/cqrs';
import type { RecordedEvent } from '@regledger/event-store';
import { idempotencyKeyFor, sendReactions, systemMetadata, type Policy } from '@regledger/read-models';
import { isInspectionCompleted } from '@regledger/inspections/contracts';
import type { EntryKind, EntrySource, RecordCreditEntryData } from '../domain/index.js';
import { recordCreditEntry } from '../commands/record-credit-entry/record-credit-entry.command.js';
import { listSeriousViolation } from '../commands/list-serious-violation/list-serious-violation.command.js';
import { CreditEntryFromComplaintBusCommand } from '../commands/credit-command.handler.js';
import { entryIdFor, seriousListingIdForCase } from '../credit-id.js';
import {
  isFollowUpResultRecorded,
  isLicenceRevoked,
  isMatterOpened,
  isNonComplianceJoined,
  isPenaltyDecided,
  isPublicNoticeIssued,
  isSuspensionOrdered,
  type PenaltyDecidedData,
  type TriggerKind,
} from '@regledger/enforcement/contracts';

export const ENFORCEMENT_POLICY = { name: 'credit.entries-from-enforcement' } as const;
export const INSPECTIONS_POLICY = { name: 'credit.entries-from-inspections' } as const;
export const COMPLAINTS_POLICY = { name: 'credit.entries-from-complaints' } as const;

/** The entry a matter's trigger records (Standardization Law art. 37: violations go into the credit record); manual → none. */
export const TRIGGER_ENTRY_KINDS: Readonly<Record<TriggerKind, EntryKind | null>> = Object.freeze({
  failed_inspection: 'inspection_failed',
  missing_declaration: 'declaration_missing',
  late_declaration: 'declaration_late',
  redeclaration_overdue: 'redeclaration_overdue',
  verified_report: 'report_substantiated',
  manual: null,
});

/** A penalty's entry (docs/credit.md): heavy → penalty_heavy; a fine → penalty_fine; a warning → penalty_warning; confiscation alone → penalty_fine (design choice); none → no entry. */
export const penaltyEntryKind = (d: PenaltyDecidedData): EntryKind | null => {
  if (d.heavy) return 'penalty_heavy';
  const kinds = new Set(d.penalties.map((p) => p.kind));
  if (kinds.has('fine') || kinds.has('confiscation')) return 'penalty_fine';
  if (kinds.has('warning')) return 'penalty_warning';
  return null;
};

const sourceOf = (event: RecordedEvent): EntrySource => ({ eventId: event.id, streamId: event.streamId, type: event.type });

type EntryFields = Omit<RecordCreditEntryData, 'facts' | 'entryId' | 'sources'> & { extraSources?: EntrySource[] };

const entryCommand = (policy: { name: string }, event: RecordedEvent, f: EntryFields, now?: Date, suffix = ''): ICommand => {
  const { extraSources, ...fields } = f;
  return recordCreditEntry({ ...fields, entryId: entryIdFor(fields.kind, event.id), sources: [sourceOf(event), ...(extraSources ?? [])] }, systemMetadata(policy.name, event, idempotencyKeyFor(policy, event, suffix), now));
};

/**
 * The credit commands an enforcement event calls for (domain.md §8): entries from matters, follow-ups,
 * notices, suspensions, revocations and penalties; a heavy penalty also lists the enterprise as a serious
 * violator (SAMR Order 44). Pure but for the clock `now`.
 */
export const creditCommandsForEnforcement = (event: RecordedEvent, now?: Date): ICommand[] => {
  const P = ENFORCEMENT_POLICY;
  if (isMatterOpened(event) || isNonComplianceJoined(event)) {
    const d = event.data;
    const kind = TRIGGER_ENTRY_KINDS[d.trigger.kind] ?? null;
    if (kind === null) return [];
    const extra: EntrySource[] = d.trigger.sourceEventId && d.trigger.sourceStreamId ? [{ eventId: d.trigger.sourceEventId, streamId: d.trigger.sourceStreamId, type: d.trigger.kind }] : [];
    const summary = `${d.trigger.kind.replace(/_/g, ' ')}${d.trigger.reference ? ` (${d.trigger.reference})` : ''}`;
    return [entryCommand(P, event, { uscc: d.uscc, kind, occurredOn: d.trigger.occurredOn, matterId: d.matterId, caseId: null, summary, extraSources: extra }, now)];
  }
  if (isFollowUpResultRecorded(event)) {
    const d = event.data;
    const kind: EntryKind = d.passed ? 'follow_up_passed' : 'follow_up_failed';
    return [entryCommand(P, event, { uscc: d.uscc, kind, occurredOn: d.completedOn, matterId: d.matterId, caseId: null, summary: `follow-up inspection round ${d.round}: ${d.outcome}` }, now)];
  }
  if (isPublicNoticeIssued(event)) {
    const d = event.data;
    return [entryCommand(P, event, { uscc: d.uscc, kind: 'public_notice', occurredOn: d.issuedOn, matterId: d.matterId, caseId: null, summary: 'public notice after a failed follow-up' }, now)];
  }
  if (isSuspensionOrdered(event)) {
    const d = event.data;
    return [entryCommand(P, event, { uscc: d.uscc, kind: 'suspension', occurredOn: d.orderedOn, matterId: d.matterId, caseId: null, summary: 'production suspended for rectification' }, now)];
  }
  if (isLicenceRevoked(event)) {
    const d = event.data;
    return [entryCommand(P, event, { uscc: d.uscc, kind: 'licence_revocation', occurredOn: d.revokedOn, matterId: d.matterId, caseId: null, summary: 'licence revoked' }, now)];
  }
  if (isPenaltyDecided(event)) {
    const d = event.data;
    const kind = penaltyEntryKind(d);
    if (kind === null) return [];
    const summary = `penalty in case ${d.caseId}: ${d.penalties.map((p) => (p.amountYuan === null ? p.kind : `${p.kind} ${p.amountYuan} yuan`)).join(', ')}`;
    const commands = [
      entryCommand(P, event, { uscc: d.uscc, kind, occurredOn: d.decidedOn, matterId: d.matterId, caseId: d.caseId, summary, penalty: { sector: d.sector, publicationRequired: d.publication.required } }, now, 'entry'),
    ];
    if (d.heavy) {
      commands.push(
        listSeriousViolation(
          { uscc: d.uscc, listingId: seriousListingIdForCase(d.caseId), grounds: { kind: 'heavy_penalty', caseId: d.caseId }, on: d.decidedOn, source: sourceOf(event) },
          systemMetadata(P.name, event, idempotencyKeyFor(P, event, 'serious-list'), now),
        ),
      );
    }
    return commands;
  }
  return [];
};

/** A random or targeted inspection that found the product conforming is a passed inspection (domain.md §8); follow-ups come through enforcement. */
export const creditCommandsForInspections = (event: RecordedEvent, now?: Date): ICommand[] => {
  if (!isInspectionCompleted(event)) return [];
  const d = event.data;
  if (d.outcome !== 'conforming' || (d.origin.type !== 'random' && d.origin.type !== 'targeted')) return [];
  const summary = `${d.origin.type} inspection ${d.inspectionId} passed${d.product ? `: ${d.product.name} ${d.product.model}` : ''}`;
  return [entryCommand(INSPECTIONS_POLICY, event, { uscc: d.uscc, kind: 'inspection_passed', occurredOn: d.completedOn, matterId: null, caseId: null, summary }, now)];
};

/** A complaint closed with agreement is a substantiated complaint (domain.md §8); the USCC comes from the complaint's intake. */
export const creditCommandsForComplaints = (event: RecordedEvent, now?: Date): ICommand[] => {
  if (event.type !== 'ComplaintClosed') return [];
  const d = event.data as { complaintId: string; outcome: string; closedOn: string };
  if (d.outcome !== 'agreement') return [];
  return [
    new CreditEntryFromComplaintBusCommand(d.complaintId, (uscc) =>
      recordCreditEntry(
        {
          uscc,
          entryId: entryIdFor('complaint_substantiated', event.id),
          kind: 'complaint_substantiated',
          occurredOn: d.closedOn,
          matterId: null,
          caseId: null,
          sources: [sourceOf(event)],
          summary: `complaint ${d.complaintId} closed with agreement`,
        },
        systemMetadata(COMPLAINTS_POLICY.name, event, idempotencyKeyFor(COMPLAINTS_POLICY, event), now),
      ),
    ),
  ];
};

/** A policy sending what `commandsFor` derives from each event, stamped with the engine's clock. */
const policyOf = (name: string, handles: string[], commandsFor: (e: RecordedEvent, now: Date) => ICommand[], commandBus: CommandBus, clock: () => Date): Policy => ({
  name,
  handles,
  async react(event: RecordedEvent): Promise<void> {
    await sendReactions(commandBus, commandsFor(event, clock()));
  },
});


/** Entries from enforcement's matters and cases, and the serious-violation listing of a heavy penalty. */
export const creditEntriesFromEnforcementPolicy = (commandBus: CommandBus, clock: () => Date): Policy =>
  policyOf(
    ENFORCEMENT_POLICY.name,
    ['MatterOpened', 'NonComplianceJoined', 'FollowUpResultRecorded', 'PublicNoticeIssued', 'SuspensionOrdered', 'LicenceRevoked', 'PenaltyDecided'],
    creditCommandsForEnforcement,
    commandBus,
    clock,
  );

/** Passed random and targeted inspections. */
export const creditEntriesFromInspectionsPolicy = (commandBus: CommandBus, clock: () => Date): Policy =>
  policyOf(INSPECTIONS_POLICY.name, ['InspectionCompleted'], creditCommandsForInspections, commandBus, clock);

/** Complaints closed with agreement. */
export const creditEntriesFromComplaintsPolicy = (commandBus: CommandBus, clock: () => Date): Policy =>
  policyOf(COMPLAINTS_POLICY.name, ['ComplaintClosed'], creditCommandsForComplaints, commandBus, clock);
