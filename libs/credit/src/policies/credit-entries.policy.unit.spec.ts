import { describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from '@regledger/event-store';
import { recorded } from '@regledger/read-models/testing';
import { CreditBusCommand, CreditEntryFromComplaintBusCommand } from '../commands/credit-command.handler.js';
import type { CreditFacts } from '../domain/index.js';
import { creditCommandsForComplaints, creditCommandsForEnforcement, creditCommandsForInspections, penaltyEntryKind } from './credit-entries.policy.js';

const USCC = '914403001922038216';
const FACTS: CreditFacts = { policies: [], enterprise: null };
const built = (c: unknown) => (c as CreditBusCommand).toCommand(FACTS);
const ev = (type: string, data: Record<string, unknown>, stream = 's-1'): RecordedEvent => recorded(stream, 0, { type, data });
const trigger = (kind: string) => ({ kind, sourceEventId: 'src-1', sourceStreamId: 'inspection-task-1', reference: 'i-1', occurredOn: '2026-10-01', description: null });

describe('credit entries from other contexts', () => {
  it('given MatterOpened for a failed inspection, when reacted to, then an inspection_failed entry with the matter and both sources', () => {
    const e = ev('MatterOpened', { matterId: 'm-1', uscc: USCC, jurisdiction: '440305', subject: { kind: 'enterprise' }, trigger: trigger('failed_inspection'), openedOn: '2026-10-02' });
    const [c] = creditCommandsForEnforcement(e);
    expect(built(c)).toMatchObject({
      type: 'RecordCreditEntry',
      data: { uscc: USCC, entryId: `inspection_failed:${e.id}`, kind: 'inspection_failed', occurredOn: '2026-10-01', matterId: 'm-1', sources: [{ eventId: e.id }, { eventId: 'src-1', streamId: 'inspection-task-1' }] },
      metadata: { idempotencyKey: `policy:credit.entries-from-enforcement:${e.id}`, actor: { role: 'system' }, causationId: e.id },
    });
  });

  it('given a manual non-compliance, when reacted to, then no entry', () => {
    expect(creditCommandsForEnforcement(ev('NonComplianceJoined', { matterId: 'm-1', uscc: USCC, trigger: trigger('manual'), joinedOn: '2026-10-02' }))).toEqual([]);
  });

  it.each([
    ['late_declaration', 'declaration_late'],
    ['missing_declaration', 'declaration_missing'],
    ['redeclaration_overdue', 'redeclaration_overdue'],
    ['verified_report', 'report_substantiated'],
  ])('given a joined %s, when reacted to, then a %s entry', (kind, entryKind) => {
    const [c] = creditCommandsForEnforcement(ev('NonComplianceJoined', { matterId: 'm-1', uscc: USCC, trigger: trigger(kind), joinedOn: '2026-10-02' }));
    expect(built(c).data).toMatchObject({ kind: entryKind });
  });

  it('given follow-up results, notices, suspensions and revocations, when reacted to, then their entries', () => {
    const kinds = [
      ev('FollowUpResultRecorded', { matterId: 'm', uscc: USCC, round: 1, inspectionId: 'i', outcome: 'conforming', passed: true, completedOn: '2026-10-01', sourceEventId: 'x' }),
      ev('FollowUpResultRecorded', { matterId: 'm', uscc: USCC, round: 2, inspectionId: 'i', outcome: 'non_conforming', passed: false, completedOn: '2026-10-01', sourceEventId: 'x' }),
      ev('PublicNoticeIssued', { matterId: 'm', uscc: USCC, issuedOn: '2026-10-01' }),
      ev('SuspensionOrdered', { matterId: 'm', uscc: USCC, orderedOn: '2026-10-01', rectificationDueOn: '2026-12-30' }),
      ev('LicenceRevoked', { matterId: 'm', uscc: USCC, revokedOn: '2026-10-01' }),
    ].map((e) => (built(creditCommandsForEnforcement(e)[0]).data as { kind: string }).kind);
    expect(kinds).toEqual(['follow_up_passed', 'follow_up_failed', 'public_notice', 'suspension', 'licence_revocation']);
  });

  const penalty = (heavy: boolean, penalties: { kind: string; amountYuan: number | null }[]) =>
    ev('PenaltyDecided', { caseId: 'case-1', uscc: USCC, jurisdiction: '440305', matterId: 'm', productKey: null, decidedOn: '2026-10-01', penalties, heavy, sector: 'general', publication: { required: true, dueOn: '2026-10-29', window: '3_years' } }, 'case-case-1');

  it('given penalties, when classified, then heavy → penalty_heavy, fine → penalty_fine, warning → penalty_warning, none → no entry', () => {
    expect(penaltyEntryKind(penalty(true, [{ kind: 'fine', amountYuan: 2_000_000 }]).data as never)).toBe('penalty_heavy');
    expect(penaltyEntryKind(penalty(false, [{ kind: 'warning', amountYuan: null }, { kind: 'fine', amountYuan: 5000 }]).data as never)).toBe('penalty_fine');
    expect(penaltyEntryKind(penalty(false, [{ kind: 'warning', amountYuan: null }]).data as never)).toBe('penalty_warning');
    expect(creditCommandsForEnforcement(penalty(false, []))).toEqual([]);
  });

  it('given a heavy penalty, when reacted to, then a penalty_heavy entry and a serious-violation listing for the case', () => {
    const commands = creditCommandsForEnforcement(penalty(true, [{ kind: 'licence_revocation', amountYuan: null }]));
    expect(commands.map((c) => built(c).type)).toEqual(['RecordCreditEntry', 'ListSeriousViolation']);
    expect(built(commands[0]).data).toMatchObject({ kind: 'penalty_heavy', caseId: 'case-1', penalty: { sector: 'general', publicationRequired: true } });
    expect(built(commands[1]).data).toMatchObject({ grounds: { kind: 'heavy_penalty', caseId: 'case-1' }, on: '2026-10-01' });
  });

  const completed = (outcome: string, origin: Record<string, unknown>) => ev('InspectionCompleted', { inspectionId: 'i-1', origin, uscc: USCC, authority: '440305', product: null, productKey: null, outcome, completedOn: '2026-11-16' });

  it('given a conforming random or targeted inspection, when reacted to, then inspection_passed; a follow-up or a failure, nothing', () => {
    expect(built(creditCommandsForInspections(completed('conforming', { type: 'random', planId: 'p' }))[0]).data).toMatchObject({ kind: 'inspection_passed', occurredOn: '2026-11-16' });
    expect(creditCommandsForInspections(completed('conforming', { type: 'targeted', source: 'report', reference: null }))).toHaveLength(1);
    expect(creditCommandsForInspections(completed('conforming', { type: 'follow_up', matterId: 'm', round: 1, dueOn: '2026-12-01' }))).toEqual([]);
    expect(creditCommandsForInspections(completed('non_conforming', { type: 'random', planId: 'p' }))).toEqual([]);
  });

  it('given a complaint closed with agreement, when reacted to, then a complaint_substantiated entry for the intake USCC; other outcomes nothing', () => {
    const e = ev('ComplaintClosed', { complaintId: 'c-1', outcome: 'agreement', summary: 's', closedOn: '2026-11-10' }, 'complaint-c-1');
    const [c] = creditCommandsForComplaints(e);
    expect(c).toBeInstanceOf(CreditEntryFromComplaintBusCommand);
    expect(built((c as CreditEntryFromComplaintBusCommand).build(USCC)).data).toMatchObject({ uscc: USCC, kind: 'complaint_substantiated', occurredOn: '2026-11-10' });
    expect(creditCommandsForComplaints(ev('ComplaintClosed', { complaintId: 'c-1', outcome: 'no_agreement', summary: 's', closedOn: '2026-11-10' }))).toEqual([]);
  });
});
