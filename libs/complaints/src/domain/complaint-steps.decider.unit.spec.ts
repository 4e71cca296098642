import { describe, expect, it } from '@jest/globals';
import type { Actor, CommandMetadata } from '@regledger/shared';
import { DeciderSpec } from '@regledger/shared/testing';
import { maskComplainant, maskEmail, maskIdNumber, maskName, maskPhone } from './complainant-masking.rules.js';
import { mayReadComplainant, mayReadComplaint } from './complaint-access.policy.js';
import type { ComplaintCommand, ReceiveComplaintData } from './complaint.commands.js';
import { complaintDecider } from './complaint.decider.js';
import type { ComplaintEvent, ComplaintReceivedData } from './complaint.events.js';
import { acceptanceDueOn, deadlinesOn, openDeadlines, type ComplaintDeadlineFacts } from './complaint.rules.js';

const ID = 'c-0100';
const USCC = '914403001922038216';
const DECLARATION = `${USCC}-0197a000-0000-7000-8000-000000000001`;
const handler: Actor = { id: 'h-1', role: 'complaint_handler', jurisdiction: '440300' };
const system: Actor = { id: 'system:complaints.deadline-missed', role: 'system', jurisdiction: '000000' };
const meta = (date: string, who: Actor = handler): CommandMetadata => ({ now: `${date}T02:00:00Z`, actor: who, correlationId: 'corr-2' });
const spec = DeciderSpec.for(complaintDecider);

/** What the handler seals; the decider only passes it on. */
const SEALED = { v: 1, alg: 'aes-256-gcm', subjectId: 'pd-subject', keyId: 'key-1', iv: 'aXY=', tag: 'dGFn', ct: 'Y3Q=' };

const receiveData = (over: Partial<ReceiveComplaintData> = {}): ReceiveComplaintData => ({
  complaintId: ID,
  kind: 'complaint',
  channel: 'web',
  sealedIdentity: SEALED,
  uscc: USCC,
  product: { name: '空气净化器', model: 'KJ500F-A1' },
  facts: '洁净空气量与声明不符',
  complainant: { name: '李四', phone: '13812345678', realName: true },
  receivedOn: '2026-09-30',
  jurisdiction: '440305',
  ...over,
});
const receive = (over: Partial<ReceiveComplaintData> = {}, date = over.receivedOn ?? '2026-09-30'): ComplaintCommand => ({
  type: 'ReceiveComplaint',
  data: receiveData(over),
  metadata: meta(date),
});
const receivedData = (over: Partial<ComplaintReceivedData> = {}): ComplaintReceivedData => ({
  complaintId: ID,
  kind: 'complaint',
  channel: 'web',
  uscc: USCC,
  declarationId: null,
  product: { name: '空气净化器', model: 'KJ500F-A1' },
  facts: '洁净空气量与声明不符',
  complainant: { realName: true, personalData: SEALED },
  harmKnownOn: null,
  jurisdiction: '440305',
  receivedOn: '2026-09-30',
  acceptanceDueOn: '2026-10-15',
  enterpriseRegistered: null,
  enterpriseName: null,
  ...over,
});
const received = (over: Partial<ComplaintReceivedData> = {}): ComplaintEvent => ({ type: 'ComplaintReceived', data: receivedData(over), metadata: { schemaVersion: 2 } });
const step = <T extends ComplaintCommand['type']>(type: T, data: Record<string, unknown>, date: string, who: Actor = handler): ComplaintCommand =>
  ({ type, data: { complaintId: ID, ...data }, metadata: meta(date, who) }) as ComplaintCommand;

const accepted = (on = '2026-10-08'): ComplaintEvent => ({
  type: 'ComplaintAccepted',
  data: { complaintId: ID, kind: 'complaint', acceptedOn: on, mediationEndsOn: '2026-12-09', verificationDueOn: null },
});
const report = received({ kind: 'report', declarationId: DECLARATION });
const reportAccepted: ComplaintEvent = {
  type: 'ComplaintAccepted',
  data: { complaintId: ID, kind: 'report', acceptedOn: '2026-10-08', mediationEndsOn: null, verificationDueOn: '2026-10-29' },
};
const caseDecided: ComplaintEvent = {
  type: 'CaseDecisionRecorded',
  data: { complaintId: ID, openCase: true, reason: '涉嫌虚假声明', decidedOn: '2026-10-12', reporterNotificationDueOn: '2026-10-19' },
};

describe('the acceptance deadline across the 2026 holidays (art. 14, domain.md §9)', () => {
  it('given receipt on 2026-09-30, when received, then acceptance is due 2026-10-15: 10/1–10/7 off, 10/8, 10/9, the 10/10 make-up day, 10/12–10/15', () => {
    spec.given([]).when(receive()).then([received()]);
    expect(acceptanceDueOn('2026-09-30')).toBe('2026-10-15');
  });

  it('given receipt on Friday 2026-02-13, when received, then acceptance is due 2026-03-02: 2/14 worked, 2/15–2/23 off, 2/24–2/27, 2/28 worked, 3/2', () => {
    spec
      .given([])
      .when(receive({ receivedOn: '2026-02-13' }))
      .then([received({ receivedOn: '2026-02-13', acceptanceDueOn: '2026-03-02' })]);
  });
});

describe('intake against the enterprises and declarations contexts', () => {
  it('given the handler found no enterprise, when received, then it is received with enterpriseRegistered false (a lead about an unregistered business)', () => {
    spec
      .given([])
      .when(receive({ intake: { enterpriseRegistered: false, enterpriseName: null, declarationFound: null } }))
      .then([received({ enterpriseRegistered: false })]);
  });

  it('given a registered enterprise and its declaration, when received naming it, then the name and declaration are kept', () => {
    spec
      .given([])
      .when(receive({ declarationId: DECLARATION, intake: { enterpriseRegistered: true, enterpriseName: '华为技术有限公司', declarationFound: true } }))
      .then([received({ declarationId: DECLARATION, enterpriseRegistered: true, enterpriseName: '华为技术有限公司' })]);
  });

  it('given a declaration id the enterprise never declared, when received, then COMPLAINT.DECLARATION_NOT_FOUND', () => {
    spec
      .given([])
      .when(receive({ declarationId: `${USCC}-nope`, intake: { enterpriseRegistered: true, enterpriseName: 'x', declarationFound: false } }))
      .thenThrows('COMPLAINT.DECLARATION_NOT_FOUND');
  });

  it('given today 2026-09-29, when a receipt dated 2026-09-30 or a USCC with a wrong check character comes in, then COMPLAINT.VALIDATION_FAILED naming the field', () => {
    const future = spec.given([]).when(receive({}, '2026-09-29')).thenThrows('COMPLAINT.VALIDATION_FAILED');
    expect(future.details).toMatchObject({ errors: [{ field: 'receivedOn', rule: 'not_after_today' }] });
    const bad = spec.given([]).when(receive({ uscc: '91350100M000100Y4Z' })).thenThrows('COMPLAINT.VALIDATION_FAILED');
    expect(JSON.stringify(bad)).toContain('uscc');
  });

  it('given harm known 2023-09-29, when a complaint is received 2026-09-30, then the limitation period rejects it on receipt (art. 15)', () => {
    spec
      .given([])
      .when(receive({ harmKnownOn: '2023-09-29' }))
      .then([received({ harmKnownOn: '2023-09-29' }), { type: 'ComplaintRejected', data: { complaintId: ID, reason: 'limitation_period', rejectedOn: '2026-09-30' } }]);
  });
});

describe('dated steps: never after today, never before the earlier steps', () => {
  it('given receipt on 2026-09-30, when accepted on 2026-10-08 recorded a week later, then acceptedOn is the given day', () => {
    spec
      .given([received()])
      .when(step('AcceptComplaint', { on: '2026-10-08' }, '2026-10-15'))
      .then([{ type: 'ComplaintAccepted', data: { complaintId: ID, kind: 'complaint', acceptedOn: '2026-10-08', mediationEndsOn: '2026-12-09', verificationDueOn: null } }]);
  });

  it('given receipt on 2026-09-30, when accepted or rejected dated 2026-09-29, then COMPLAINT.DATE_OUT_OF_ORDER', () => {
    spec.given([received()]).when(step('AcceptComplaint', { on: '2026-09-29' }, '2026-10-08')).thenThrows('COMPLAINT.DATE_OUT_OF_ORDER');
    spec.given([received()]).when(step('RejectComplaint', { reason: 'x', on: '2026-09-29' }, '2026-10-08')).thenThrows('COMPLAINT.DATE_OUT_OF_ORDER');
  });

  it('given today 2026-10-08, when a step is dated tomorrow, then COMPLAINT.VALIDATION_FAILED (not_after_today)', () => {
    const e = spec.given([received()]).when(step('AcceptComplaint', { on: '2026-10-09' }, '2026-10-08')).thenThrows('COMPLAINT.VALIDATION_FAILED');
    expect(e.details).toMatchObject({ errors: [{ field: 'on', rule: 'not_after_today' }] });
  });

  it('given acceptance on 2026-10-08, when testing is paused from 10/07, mediation recorded or the complaint escalated on 10/07, then COMPLAINT.DATE_OUT_OF_ORDER', () => {
    spec.given([received(), accepted()]).when(step('PauseForTesting', { from: '2026-10-07' }, '2026-10-09')).thenThrows('COMPLAINT.DATE_OUT_OF_ORDER');
    spec.given([received(), accepted()]).when(step('RecordMediation', { outcome: 'agreement', summary: 'x', on: '2026-10-07' }, '2026-10-09')).thenThrows('COMPLAINT.DATE_OUT_OF_ORDER');
    spec.given([received(), accepted()]).when(step('EscalateToInspection', { reason: 'x', on: '2026-10-07' }, '2026-10-09')).thenThrows('COMPLAINT.DATE_OUT_OF_ORDER');
  });

  it('given a closed pause that ends tomorrow, when recorded, then COMPLAINT.VALIDATION_FAILED; given a report accepted 10/08, when the case is decided on 10/07, then COMPLAINT.DATE_OUT_OF_ORDER', () => {
    spec.given([received(), accepted()]).when(step('PauseForTesting', { from: '2026-10-09', to: '2026-10-13' }, '2026-10-12')).thenThrows('COMPLAINT.VALIDATION_FAILED');
    spec.given([report, reportAccepted]).when(step('DecideOnCase', { openCase: true, reason: 'x', on: '2026-10-07' }, '2026-10-09')).thenThrows('COMPLAINT.DATE_OUT_OF_ORDER');
  });

  it('given mediation recorded on 2026-10-20, when the complaint is closed dated 2026-10-19, then COMPLAINT.DATE_OUT_OF_ORDER; dated 10/20, then closed', () => {
    const mediated: ComplaintEvent = { type: 'MediationRecorded', data: { complaintId: ID, outcome: 'agreement', summary: '退款', recordedOn: '2026-10-20' } };
    spec.given([received(), accepted(), mediated]).when(step('CloseComplaint', { outcome: 'agreement', summary: '已履行', on: '2026-10-19' }, '2026-10-21')).thenThrows('COMPLAINT.DATE_OUT_OF_ORDER');
    spec
      .given([received(), accepted(), mediated])
      .when(step('CloseComplaint', { outcome: 'agreement', summary: '已履行', on: '2026-10-20' }, '2026-10-21'))
      .then([{ type: 'ComplaintClosed', data: { complaintId: ID, outcome: 'agreement', summary: '已履行', closedOn: '2026-10-20' } }]);
  });
});

describe('the periods that close steps (arts. 21, 23, 31)', () => {
  it('given mediation ending 2026-12-09, when an agreement dated 12/11 or a testing pause from 12/11 is recorded, then COMPLAINT.MEDIATION_PERIOD_OVER; a failure may still be recorded', () => {
    spec.given([received(), accepted()]).when(step('RecordMediation', { outcome: 'agreement', summary: 'x', on: '2026-12-10' }, '2026-12-10')).thenThrows('COMPLAINT.MEDIATION_PERIOD_OVER');
    spec.given([received(), accepted()]).when(step('PauseForTesting', { from: '2026-12-10' }, '2026-12-10')).thenThrows('COMPLAINT.MEDIATION_PERIOD_OVER');
    spec
      .given([received(), accepted()])
      .when(step('RecordMediation', { outcome: 'failure', summary: '未达成协议', on: '2026-12-10' }, '2026-12-10'))
      .then([{ type: 'MediationRecorded', data: { complaintId: ID, outcome: 'failure', summary: '未达成协议', recordedOn: '2026-12-10' } }]);
  });

  it('given verification due 2026-10-29, when the extension is decided on 10/30, then COMPLAINT.VERIFICATION_PERIOD_OVER', () => {
    spec.given([report, reportAccepted]).when(step('ExtendVerification', { reason: '送检' }, '2026-10-30')).thenThrows('COMPLAINT.VERIFICATION_PERIOD_OVER');
  });

  it('given a decided real-name report not yet told, when closed, then COMPLAINT.REPORTER_NOTICE_PENDING', () => {
    spec.given([report, reportAccepted, caseDecided]).when(step('CloseComplaint', { outcome: 'case_decided', summary: 'x' }, '2026-10-13')).thenThrows('COMPLAINT.REPORTER_NOTICE_PENDING');
  });
});

describe('escalation carries what a targeted inspection needs (Guangdong plan item 11)', () => {
  it('given an accepted report naming a declaration, when escalated, then ComplaintEscalated has kind, uscc, jurisdiction, declarationId and product', () => {
    spec
      .given([report, reportAccepted])
      .when(step('EscalateToInspection', { reason: '涉嫌不符合声明标准' }, '2026-10-09'))
      .then([
        {
          type: 'ComplaintEscalated',
          data: {
            complaintId: ID,
            kind: 'report',
            reason: '涉嫌不符合声明标准',
            escalatedOn: '2026-10-09',
            uscc: USCC,
            jurisdiction: '440305',
            declarationId: DECLARATION,
            product: { name: '空气净化器', model: 'KJ500F-A1' },
          },
        },
      ]);
  });
});

describe('missed deadlines as facts', () => {
  const missed = (deadline: string, dueOn: string, recordedOn: string): ComplaintEvent =>
    ({ type: 'ComplaintDeadlineMissed', data: { complaintId: ID, deadline, dueOn, recordedOn, jurisdiction: '440305' } }) as ComplaintEvent;
  const record = (deadline: string, dueOn: string, date: string, who: Actor = system): ComplaintCommand => step('RecordComplaintDeadlineMissed', { deadline, dueOn }, date, who);

  it('given acceptance due 2026-10-15, when the schedule runs on 10/16, then ComplaintDeadlineMissed; on 10/15 (the last day), nothing', () => {
    spec.given([received()]).when(record('acceptance', '2026-10-15', '2026-10-16')).then([missed('acceptance', '2026-10-15', '2026-10-16')]);
    spec.given([received()]).when(record('acceptance', '2026-10-15', '2026-10-15')).then([]);
  });

  it('given the miss already recorded, or acceptance decided meanwhile, or another due date, when run again, then nothing', () => {
    spec.given([received(), missed('acceptance', '2026-10-15', '2026-10-16')]).when(record('acceptance', '2026-10-15', '2026-10-20')).then([]);
    spec.given([received(), accepted('2026-10-14')]).when(record('acceptance', '2026-10-15', '2026-10-20')).then([]);
    spec.given([received()]).when(record('acceptance', '2026-10-14', '2026-10-20')).then([]);
  });

  it('given mediation ending 2026-12-09 without agreement, when the schedule runs on 12/11, then mediation_end is recorded (art. 21)', () => {
    spec.given([received(), accepted()]).when(record('mediation_end', '2026-12-09', '2026-12-10')).then([missed('mediation_end', '2026-12-09', '2026-12-10')]);
  });

  it('given a handler, when it records a missed deadline, then COMPLAINT.FORBIDDEN; given nothing received, then COMPLAINT.NOT_FOUND', () => {
    spec.given([received()]).when(record('acceptance', '2026-10-15', '2026-10-16', handler)).thenThrows('COMPLAINT.FORBIDDEN');
    spec.given([]).when(record('acceptance', '2026-10-15', '2026-10-16')).thenThrows('COMPLAINT.NOT_FOUND');
  });
});

describe('open deadlines and the next one on a date', () => {
  const facts = (over: Partial<ComplaintDeadlineFacts> = {}): ComplaintDeadlineFacts => ({
    kind: 'report',
    status: 'accepted',
    acceptanceDueOn: '2026-10-15',
    mediationEndsOn: null,
    mediationRecorded: false,
    verificationDueOn: '2026-10-29',
    caseDecided: false,
    reporterNotificationDueOn: null,
    reporterNotified: false,
    ...over,
  });

  it('given a received complaint, then only acceptance is open; overdue the day after it is due', () => {
    const f = facts({ kind: 'complaint', status: 'received', verificationDueOn: null });
    expect(openDeadlines(f)).toEqual([{ deadline: 'acceptance', dueOn: '2026-10-15' }]);
    expect(deadlinesOn(f, '2026-10-15')[0]).toEqual({ deadline: 'acceptance', dueOn: '2026-10-15', overdue: false });
    expect(deadlinesOn(f, '2026-10-16')[0]).toEqual({ deadline: 'acceptance', dueOn: '2026-10-15', overdue: true });
  });

  it('given an accepted complaint, then the end of mediation is open until mediation is recorded; none while testing pauses it', () => {
    expect(openDeadlines(facts({ kind: 'complaint', verificationDueOn: null, mediationEndsOn: '2026-12-09' }))).toEqual([{ deadline: 'mediation_end', dueOn: '2026-12-09' }]);
    expect(openDeadlines(facts({ kind: 'complaint', verificationDueOn: null, mediationEndsOn: '2026-12-09', mediationRecorded: true }))).toEqual([]);
    expect(openDeadlines(facts({ kind: 'complaint', verificationDueOn: null, mediationEndsOn: null }))).toEqual([]);
  });

  it('given a report decided with a real-name reporter, then the notice is open until given; verification is met by the decision; closed has none', () => {
    expect(deadlinesOn(facts(), '2026-10-30')).toEqual([{ deadline: 'verification', dueOn: '2026-10-29', overdue: true }]);
    const decided = facts({ caseDecided: true, reporterNotificationDueOn: '2026-10-19' });
    expect(openDeadlines(decided)).toEqual([{ deadline: 'reporter_notification', dueOn: '2026-10-19' }]);
    expect(openDeadlines({ ...decided, reporterNotified: true })).toEqual([]);
    expect(openDeadlines(facts({ status: 'closed' }))).toEqual([]);
  });
});

describe('masking the complainant (domain.md §6)', () => {
  it('given a complainant, when masked, then name 张*, phone 138****5678, id first and last characters, e-mail first letter and domain', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskIdNumber('440305199001011234')).toBe('4****************4');
    expect(maskEmail('zhang.san@example.com')).toBe('z***@example.com');
    expect(maskComplainant({ name: '张三', idNumber: '440305199001011234', phone: '13812345678', email: 'zhang.san@example.com', realName: true })).toEqual({
      name: '张*',
      idNumber: '4****************4',
      phone: '138****5678',
      email: 'z***@example.com',
      realName: true,
      masked: true,
    });
  });

  it('given roles, then handlers and supervisors of the jurisdiction and admin see the complainant; inspectors read their jurisdiction and analysts everything, masked; the public reads nothing', () => {
    const c = { jurisdiction: '440305', uscc: USCC };
    expect(mayReadComplainant({ id: 'a', role: 'complaint_handler', jurisdiction: '440300' }, '440305')).toBe(true);
    expect(mayReadComplainant({ id: 'a', role: 'supervisor', jurisdiction: '440000' }, '440305')).toBe(true);
    expect(mayReadComplainant({ id: 'a', role: 'complaint_handler', jurisdiction: '440100' }, '440305')).toBe(false);
    expect(mayReadComplainant({ id: 'a', role: 'inspector', jurisdiction: '440300' }, '440305')).toBe(false);
    expect(mayReadComplaint({ id: 'a', role: 'inspector', jurisdiction: '440300' }, c)).toBe(true);
    expect(mayReadComplaint({ id: 'a', role: 'inspector', jurisdiction: '440100' }, c)).toBe(false);
    // domain.md §1: the analyst reads everything, read-only (masked).
    expect(mayReadComplaint({ id: 'a', role: 'analyst', jurisdiction: '440100' }, c)).toBe(true);
    expect(mayReadComplainant({ id: 'a', role: 'analyst', jurisdiction: '440100' }, '440305')).toBe(false);
    expect(mayReadComplaint({ id: 'a', role: 'enterprise', jurisdiction: '440305', uscc: USCC }, c)).toBe(true);
    expect(mayReadComplaint({ id: 'a', role: 'enterprise', jurisdiction: '440305', uscc: '91350100M000100Y43' }, c)).toBe(false);
    expect(mayReadComplaint({ id: 'a', role: 'public', jurisdiction: '000000' }, c)).toBe(false);
  });
});
