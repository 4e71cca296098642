import { describe, expect, it } from '@jest/globals';
import { CalendarRangeError } from '@regledger/shared';
import type { Actor, CommandMetadata, Role } from '@regledger/shared';
import { DeciderSpec } from '@regledger/shared/testing';
import { mayActOnComplaint } from './complaint-access.policy.js';
import type { ComplaintCommand, ReceiveComplaintData } from './complaint.commands.js';
import { complaintDecider } from './complaint.decider.js';
import type { ComplaintEvent, ComplaintReceived } from './complaint.events.js';
import { complaintStreamId } from './complaint.events.js';
import { acceptanceDueOn, isBeyondLimitationPeriod, limitationPeriodEndsOn } from './complaint.rules.js';

const ID = 'c-0001';
const actor = (role: Role, jurisdiction: string): Actor => ({ id: `user-${role}-${jurisdiction}`, role, jurisdiction });
const handler = actor('complaint_handler', '440300');
const provinceSupervisor = actor('supervisor', '440000');
const admin = actor('admin', '000000');
const otherCityHandler = actor('complaint_handler', '440100');

/** 10:00 China time on the date. */
const at = (date: string): string => `${date}T02:00:00Z`;
const meta = (date: string, who: Actor = handler): CommandMetadata => ({ now: at(date), actor: who, correlationId: 'corr-1' });

/** What the handler seals; the decider only passes it on. */
const SEALED = { v: 1, alg: 'aes-256-gcm', subjectId: 'pd-subject', keyId: 'key-1', iv: 'aXY=', tag: 'dGFn', ct: 'Y3Q=' };

const receiveData = (over: Partial<ReceiveComplaintData> = {}): ReceiveComplaintData => ({
  complaintId: ID,
  kind: 'complaint',
  channel: '12315_hotline',
  sealedIdentity: SEALED,
  uscc: '914403001922038216',
  product: { name: '空气净化器', model: 'KJ500F-A1' },
  facts: '洁净空气量与声明不符',
  complainant: { name: '张三', phone: '13800000000', realName: true },
  harmKnownOn: '2026-09-01',
  receivedOn: '2026-09-28',
  jurisdiction: '440305',
  ...over,
});

const receive = (over: Partial<ReceiveComplaintData> = {}, who: Actor = handler): ComplaintCommand => ({
  type: 'ReceiveComplaint',
  data: receiveData(over),
  metadata: meta(over.receivedOn ?? '2026-09-28', who),
});

const received = (over: Partial<ReceiveComplaintData> = {}, acceptanceDue = '2026-10-13'): ComplaintReceived => {
  const d = receiveData(over);
  return {
    type: 'ComplaintReceived',
    data: {
      complaintId: d.complaintId,
      kind: d.kind,
      channel: d.channel,
      uscc: d.uscc,
      declarationId: null,
      product: d.product ?? null,
      facts: d.facts,
      complainant: { realName: d.complainant.realName, personalData: SEALED },
      harmKnownOn: d.harmKnownOn ?? null,
      jurisdiction: d.jurisdiction,
      receivedOn: d.receivedOn,
      acceptanceDueOn: acceptanceDue,
      enterpriseRegistered: null,
      enterpriseName: null,
    },
    metadata: { schemaVersion: 2 },
  };
};
const report = received({ kind: 'report', receivedOn: '2026-09-21', harmKnownOn: undefined }, '2026-09-30');

const cmd = <T extends ComplaintCommand['type']>(type: T, data: Record<string, unknown> = {}, date = '2026-09-28', who: Actor = handler): ComplaintCommand =>
  ({ type, data: { complaintId: ID, ...data }, metadata: meta(date, who) }) as ComplaintCommand;

const acceptedComplaint: ComplaintEvent = {
  type: 'ComplaintAccepted',
  data: { complaintId: ID, kind: 'complaint', acceptedOn: '2026-09-28', mediationEndsOn: '2026-12-04', verificationDueOn: null },
};
const acceptedReport: ComplaintEvent = {
  type: 'ComplaintAccepted',
  data: { complaintId: ID, kind: 'report', acceptedOn: '2026-09-21', mediationEndsOn: null, verificationDueOn: '2026-10-19' },
};
const rejected: ComplaintEvent = { type: 'ComplaintRejected', data: { complaintId: ID, reason: '不属于本部门管辖', rejectedOn: '2026-09-29' } };
const decided = (realName: boolean): ComplaintEvent => ({
  type: 'CaseDecisionRecorded',
  data: { complaintId: ID, openCase: true, reason: '涉嫌虚假声明', decidedOn: '2026-09-29', reporterNotificationDueOn: realName ? '2026-10-12' : null },
});

const spec = DeciderSpec.for(complaintDecider);

describe('streams', () => {
  it('given a complaint id, when its stream is named, then it is complaint-<id>', () => {
    expect(complaintStreamId(ID)).toBe('complaint-c-0001');
  });
});

describe('ReceiveComplaint and the acceptance deadline (art. 14)', () => {
  it('given nothing, when a complaint is received on Monday 2026-09-28, then acceptance is due 2026-10-13 across National Day (10/10 worked)', () => {
    spec.given([]).when(receive()).then([received()]);
  });

  it('given nothing, when a report is received on Tuesday 2026-02-10, then acceptance is due 2026-02-26 across Spring Festival (2/14 worked)', () => {
    spec
      .given([])
      .when(receive({ kind: 'report', receivedOn: '2026-02-10', harmKnownOn: undefined }))
      .then([received({ kind: 'report', receivedOn: '2026-02-10', harmKnownOn: undefined }, '2026-02-26')]);
  });

  it('given a received complaint, when the same id is received again, then COMPLAINT.ALREADY_EXISTS', () => {
    spec.given([received()]).when(receive()).thenThrows('COMPLAINT.ALREADY_EXISTS');
  });

  it('given nothing, when the receipt lacks facts and has a bad date and jurisdiction, then COMPLAINT.VALIDATION_FAILED', () => {
    spec.given([]).when(receive({ facts: ' ', receivedOn: '2026-02-30', jurisdiction: '44' })).thenThrows('COMPLAINT.VALIDATION_FAILED');
  });

  it('given nothing, when a complaint is received on a date after the official calendar, then the CalendarRangeError propagates', () => {
    const error = spec.given([]).when(receive({ receivedOn: '2027-01-05' })).thenThrows('CALENDAR.OUT_OF_RANGE');
    expect(error).toBeInstanceOf(CalendarRangeError);
  });

  it('given receipt on 2026-12-28, when the acceptance deadline runs past 2026-12-31, then CalendarRangeError is thrown, not a guess', () => {
    expect(() => acceptanceDueOn('2026-12-28')).toThrow(CalendarRangeError);
  });
});

describe('limitation period (art. 15): decided on receipt as ComplaintRejected with reason limitation_period', () => {
  it('given harm known on 2023-09-27, when the complaint is received 2026-09-28, then it is received and rejected by rule', () => {
    spec
      .given([])
      .when(receive({ harmKnownOn: '2023-09-27' }))
      .then([
        received({ harmKnownOn: '2023-09-27' }),
        { type: 'ComplaintRejected', data: { complaintId: ID, reason: 'limitation_period', rejectedOn: '2026-09-28' } },
      ]);
  });

  it('given harm known on 2023-09-28, when received exactly three years later, then it is within the period', () => {
    spec.given([]).when(receive({ harmKnownOn: '2023-09-28' })).then([received({ harmKnownOn: '2023-09-28' })]);
  });

  it('given a report with an old harm date, when received, then the limitation period does not apply', () => {
    expect(isBeyondLimitationPeriod('report', '2020-01-01', '2026-09-28')).toBe(false);
    expect(isBeyondLimitationPeriod('complaint', null, '2026-09-28')).toBe(false);
  });

  it('given harm known on a 29 February, when the period is computed, then it ends on 28 February three years on', () => {
    expect(limitationPeriodEndsOn('2024-02-29')).toBe('2027-02-28');
    expect(limitationPeriodEndsOn('2023-09-28')).toBe('2026-09-28');
  });

  it('given a complaint rejected by the limitation period, when it is accepted, then COMPLAINT.ALREADY_DECIDED', () => {
    const limitation: ComplaintEvent = { type: 'ComplaintRejected', data: { complaintId: ID, reason: 'limitation_period', rejectedOn: '2026-09-28' } };
    spec.given([received({ harmKnownOn: '2023-09-27' }), limitation]).when(cmd('AcceptComplaint')).thenThrows('COMPLAINT.ALREADY_DECIDED');
  });
});

describe('access (domain.md §1)', () => {
  it('given a complaint in 440305, when a provincial supervisor or admin accepts it, then it is accepted', () => {
    spec.given([received()]).when(cmd('AcceptComplaint', {}, '2026-09-28', provinceSupervisor)).then([acceptedComplaint]);
    spec.given([received()]).when(cmd('AcceptComplaint', {}, '2026-09-28', admin)).then([acceptedComplaint]);
  });

  it('given a complaint in 440305, when a handler of Guangzhou acts on it, then COMPLAINT.FORBIDDEN', () => {
    spec.given([received()]).when(cmd('AcceptComplaint', {}, '2026-09-28', otherCityHandler)).thenThrows('COMPLAINT.FORBIDDEN');
    spec.given([]).when(receive({}, otherCityHandler)).thenThrows('COMPLAINT.FORBIDDEN');
  });

  it.each(['public', 'enterprise', 'inspector', 'analyst', 'system'] as Role[])('given any complaint, when a %s acts, then COMPLAINT.FORBIDDEN', (role) => {
    const who = actor(role, '440000');
    spec.given([]).when(receive({}, who)).thenThrows('COMPLAINT.FORBIDDEN');
    spec.given([received()]).when(cmd('AssignHandler', { handlerId: 'h1' }, '2026-09-28', who)).thenThrows('COMPLAINT.FORBIDDEN');
    expect(mayActOnComplaint(who, '440305')).toBe(false);
  });

  it('given nothing received, when a handler acts on the id, then COMPLAINT.NOT_FOUND', () => {
    spec.given([]).when(cmd('AcceptComplaint')).thenThrows('COMPLAINT.NOT_FOUND');
  });
});

describe('acceptance and the mediation deadline (arts. 20–21)', () => {
  it('given a complaint received 2026-09-28, when accepted the same day, then mediation ends 2026-12-04 (45 working days past National Day)', () => {
    spec.given([received()]).when(cmd('AcceptComplaint')).then([acceptedComplaint]);
  });

  it('given an accepted complaint, when accepted again, then COMPLAINT.ALREADY_DECIDED', () => {
    spec.given([received(), acceptedComplaint]).when(cmd('AcceptComplaint')).thenThrows('COMPLAINT.ALREADY_DECIDED');
    spec.given([received(), acceptedComplaint]).when(cmd('RejectComplaint', { reason: 'x' })).thenThrows('COMPLAINT.ALREADY_DECIDED');
  });

  it('given a received complaint, when rejected with a reason, then ComplaintRejected', () => {
    spec.given([received()]).when(cmd('RejectComplaint', { reason: '不属于本部门管辖' }, '2026-09-29')).then([rejected]);
  });

  it('given an accepted complaint, when testing runs 10/8–10/9 and counting resumes 10/10, then mediation ends 2026-12-08', () => {
    spec
      .given([received(), acceptedComplaint])
      .when(cmd('PauseForTesting', { from: '2026-10-08' }, '2026-10-08'))
      .then([{ type: 'TestingPaused', data: { complaintId: ID, from: '2026-10-08', to: null, mediationEndsOn: null } }]);
    const paused: ComplaintEvent = { type: 'TestingPaused', data: { complaintId: ID, from: '2026-10-08', to: null, mediationEndsOn: null } };
    spec
      .given([received(), acceptedComplaint, paused])
      .when(cmd('ResumeAfterTesting', { on: '2026-10-10' }, '2026-10-10'))
      .then([
        {
          type: 'TestingResumed',
          data: { complaintId: ID, on: '2026-10-10', pausedFrom: '2026-10-08', pausedTo: '2026-10-09', mediationEndsOn: '2026-12-08' },
        },
      ]);
  });

  it('given an accepted complaint, when a closed testing span over the holiday is recorded, then only its working days move the end', () => {
    spec
      .given([received(), acceptedComplaint])
      .when(cmd('PauseForTesting', { from: '2026-10-01', to: '2026-10-09' }, '2026-10-09'))
      .then([{ type: 'TestingPaused', data: { complaintId: ID, from: '2026-10-01', to: '2026-10-09', mediationEndsOn: '2026-12-08' } }]);
  });

  it('given testing under way, when paused again, then COMPLAINT.TESTING_ALREADY_PAUSED; given none, when resumed, then COMPLAINT.TESTING_NOT_PAUSED', () => {
    const paused: ComplaintEvent = { type: 'TestingPaused', data: { complaintId: ID, from: '2026-10-08', to: null, mediationEndsOn: null } };
    spec.given([received(), acceptedComplaint, paused]).when(cmd('PauseForTesting', { from: '2026-10-09' }, '2026-10-09')).thenThrows('COMPLAINT.TESTING_ALREADY_PAUSED');
    spec.given([received(), acceptedComplaint]).when(cmd('ResumeAfterTesting', { on: '2026-10-09' }, '2026-10-09')).thenThrows('COMPLAINT.TESTING_NOT_PAUSED');
  });

  it('given testing from 10/8, when resumed on the same day, then COMPLAINT.DATE_OUT_OF_ORDER', () => {
    const paused: ComplaintEvent = { type: 'TestingPaused', data: { complaintId: ID, from: '2026-10-08', to: null, mediationEndsOn: null } };
    spec.given([received(), acceptedComplaint, paused]).when(cmd('ResumeAfterTesting', { on: '2026-10-08' }, '2026-10-08')).thenThrows('COMPLAINT.DATE_OUT_OF_ORDER');
  });

  it('given an accepted complaint, when mediation is recorded, then MediationRecorded; when recorded twice, then COMPLAINT.MEDIATION_ALREADY_RECORDED', () => {
    const mediated: ComplaintEvent = { type: 'MediationRecorded', data: { complaintId: ID, outcome: 'agreement', summary: '退货退款', recordedOn: '2026-10-12' } };
    spec.given([received(), acceptedComplaint]).when(cmd('RecordMediation', { outcome: 'agreement', summary: '退货退款' }, '2026-10-12')).then([mediated]);
    spec.given([received(), acceptedComplaint, mediated]).when(cmd('RecordMediation', { outcome: 'failure', summary: 'x' })).thenThrows('COMPLAINT.MEDIATION_ALREADY_RECORDED');
  });

  it('given a received but not accepted complaint, when mediation is recorded, then COMPLAINT.NOT_ACCEPTED', () => {
    spec.given([received()]).when(cmd('RecordMediation', { outcome: 'agreement', summary: 'x' })).thenThrows('COMPLAINT.NOT_ACCEPTED');
  });

  it('given an accepted report, when mediation is recorded or testing paused, then COMPLAINT.NOT_A_COMPLAINT', () => {
    spec.given([report, acceptedReport]).when(cmd('RecordMediation', { outcome: 'agreement', summary: 'x' })).thenThrows('COMPLAINT.NOT_A_COMPLAINT');
    spec.given([report, acceptedReport]).when(cmd('PauseForTesting', { from: '2026-10-08' }, '2026-10-08')).thenThrows('COMPLAINT.NOT_A_COMPLAINT');
  });
});

describe('handlers, escalation and closing', () => {
  it('given a received complaint, when a handler is assigned, then HandlerAssigned', () => {
    spec.given([received()]).when(cmd('AssignHandler', { handlerId: 'h-7' })).then([{ type: 'HandlerAssigned', data: { complaintId: ID, handlerId: 'h-7', assignedOn: '2026-09-28' } }]);
  });

  it('given an accepted complaint, when escalated twice, then the second is COMPLAINT.ALREADY_ESCALATED', () => {
    const escalated: ComplaintEvent = {
      type: 'ComplaintEscalated',
      data: {
        complaintId: ID,
        kind: 'complaint',
        reason: '涉嫌违法',
        escalatedOn: '2026-10-08',
        uscc: '914403001922038216',
        jurisdiction: '440305',
        declarationId: null,
        product: { name: '空气净化器', model: 'KJ500F-A1' },
      },
    };
    spec.given([received(), acceptedComplaint]).when(cmd('EscalateToInspection', { reason: '涉嫌违法' }, '2026-10-08')).then([escalated]);
    spec.given([received(), acceptedComplaint, escalated]).when(cmd('EscalateToInspection', { reason: 'x' })).thenThrows('COMPLAINT.ALREADY_ESCALATED');
  });

  it('given a received complaint not yet accepted or rejected, when closed, then COMPLAINT.NOT_DECIDED', () => {
    spec.given([received()]).when(cmd('CloseComplaint', { outcome: 'withdrawn', summary: 'x' })).thenThrows('COMPLAINT.NOT_DECIDED');
  });

  it('given a rejected complaint, when closed, then ComplaintClosed; when acted on afterwards, then COMPLAINT.ALREADY_CLOSED', () => {
    const closed: ComplaintEvent = { type: 'ComplaintClosed', data: { complaintId: ID, outcome: 'rejected', summary: '已告知', closedOn: '2026-09-30' } };
    spec.given([received(), rejected]).when(cmd('CloseComplaint', { outcome: 'rejected', summary: '已告知' }, '2026-09-30')).then([closed]);
    spec.given([received(), rejected, closed]).when(cmd('CloseComplaint', { outcome: 'rejected', summary: 'x' })).thenThrows('COMPLAINT.ALREADY_CLOSED');
    spec.given([received(), rejected, closed]).when(cmd('AssignHandler', { handlerId: 'h' })).thenThrows('COMPLAINT.ALREADY_CLOSED');
  });

  it('given an accepted complaint, when closed with an unknown outcome, then COMPLAINT.VALIDATION_FAILED', () => {
    spec.given([received(), acceptedComplaint]).when(cmd('CloseComplaint', { outcome: 'done', summary: 'x' })).thenThrows('COMPLAINT.VALIDATION_FAILED');
  });
});

describe('reports: verification (art. 23), case decision and reporter notice (art. 31)', () => {
  it('given a report received 2026-09-21, when accepted that day, then verification is due 2026-10-19 across National Day', () => {
    spec.given([report]).when(cmd('AcceptComplaint', {}, '2026-09-21')).then([acceptedReport]);
  });

  it('given an accepted report, when verification is extended, then 15 more working days: 2026-11-09; a second extension is COMPLAINT.ALREADY_EXTENDED', () => {
    const extended: ComplaintEvent = {
      type: 'VerificationExtended',
      data: { complaintId: ID, reason: '需要检测', previousDueOn: '2026-10-19', verificationDueOn: '2026-11-09' },
    };
    spec.given([report, acceptedReport]).when(cmd('ExtendVerification', { reason: '需要检测' })).then([extended]);
    spec.given([report, acceptedReport, extended]).when(cmd('ExtendVerification', { reason: 'x' })).thenThrows('COMPLAINT.ALREADY_EXTENDED');
  });

  it('given a report accepted 2026-02-10, when verification is extended, then 2026-03-09 becomes 2026-03-30 (Spring Festival 2/14 and 2/28 worked)', () => {
    const springReport = received({ kind: 'report', receivedOn: '2026-02-10', harmKnownOn: undefined }, '2026-02-26');
    spec
      .given([springReport])
      .when(cmd('AcceptComplaint', {}, '2026-02-10'))
      .then([{ type: 'ComplaintAccepted', data: { complaintId: ID, kind: 'report', acceptedOn: '2026-02-10', mediationEndsOn: null, verificationDueOn: '2026-03-09' } }]);
    const accepted: ComplaintEvent = {
      type: 'ComplaintAccepted',
      data: { complaintId: ID, kind: 'report', acceptedOn: '2026-02-10', mediationEndsOn: null, verificationDueOn: '2026-03-09' },
    };
    spec
      .given([springReport, accepted])
      .when(cmd('ExtendVerification', { reason: '需要检测' }, '2026-03-02'))
      .then([{ type: 'VerificationExtended', data: { complaintId: ID, reason: '需要检测', previousDueOn: '2026-03-09', verificationDueOn: '2026-03-30' } }]);
  });

  it('given an accepted complaint, when verification is extended or a case decided, then COMPLAINT.NOT_A_REPORT', () => {
    spec.given([received(), acceptedComplaint]).when(cmd('ExtendVerification', { reason: 'x' })).thenThrows('COMPLAINT.NOT_A_REPORT');
    spec.given([received(), acceptedComplaint]).when(cmd('DecideOnCase', { openCase: true, reason: 'x' })).thenThrows('COMPLAINT.NOT_A_REPORT');
  });

  it('given a real-name report, when the case is decided on 2026-09-29, then the reporter is due to be told by 2026-10-12 across National Day', () => {
    spec.given([report, acceptedReport]).when(cmd('DecideOnCase', { openCase: true, reason: '涉嫌虚假声明' }, '2026-09-29')).then([decided(true)]);
  });

  it('given a real-name report decided on 2026-02-12, when decided, then the reporter is due to be told by 2026-02-26 (2/14 worked, 2/15–2/23 off)', () => {
    const springReport = received({ kind: 'report', receivedOn: '2026-02-10', harmKnownOn: undefined }, '2026-02-26');
    const springAccepted: ComplaintEvent = {
      type: 'ComplaintAccepted',
      data: { complaintId: ID, kind: 'report', acceptedOn: '2026-02-10', mediationEndsOn: null, verificationDueOn: '2026-03-09' },
    };
    spec
      .given([springReport, springAccepted])
      .when(cmd('DecideOnCase', { openCase: false, reason: '证据不足' }, '2026-02-12'))
      .then((events) => expect(events[0]).toMatchObject({ data: { decidedOn: '2026-02-12', reporterNotificationDueOn: '2026-02-26' } }));
  });

  it('given an anonymous report, when the case is decided, then no notice is due; notifying is COMPLAINT.REPORTER_NOT_REAL_NAME', () => {
    const anonymous = received({ kind: 'report', receivedOn: '2026-09-21', harmKnownOn: undefined, complainant: { name: '匿名', realName: false } }, '2026-09-30');
    spec
      .given([anonymous, acceptedReport])
      .when(cmd('DecideOnCase', { openCase: true, reason: '涉嫌虚假声明' }, '2026-09-29'))
      .then([decided(false)]);
    spec.given([anonymous, acceptedReport, decided(false)]).when(cmd('NotifyReporter', { on: '2026-09-30' }, '2026-09-30')).thenThrows('COMPLAINT.REPORTER_NOT_REAL_NAME');
  });

  it('given a decided real-name report, when the reporter is told on 2026-10-12 or 2026-10-13, then it is in time or late', () => {
    spec
      .given([report, acceptedReport, decided(true)])
      .when(cmd('NotifyReporter', { on: '2026-10-12' }, '2026-10-12'))
      .then([{ type: 'ReporterNotified', data: { complaintId: ID, on: '2026-10-12', dueOn: '2026-10-12', late: false } }]);
    spec
      .given([report, acceptedReport, decided(true)])
      .when(cmd('NotifyReporter', { on: '2026-10-13' }, '2026-10-13'))
      .then([{ type: 'ReporterNotified', data: { complaintId: ID, on: '2026-10-13', dueOn: '2026-10-12', late: true } }]);
  });

  it('given an undecided report, when the reporter is told, then COMPLAINT.CASE_NOT_DECIDED; a second decision is COMPLAINT.CASE_ALREADY_DECIDED', () => {
    spec.given([report, acceptedReport]).when(cmd('NotifyReporter', { on: '2026-10-12' }, '2026-10-12')).thenThrows('COMPLAINT.CASE_NOT_DECIDED');
    spec.given([report, acceptedReport, decided(true)]).when(cmd('DecideOnCase', { openCase: false, reason: 'x' })).thenThrows('COMPLAINT.CASE_ALREADY_DECIDED');
  });

  it('given a notified reporter, when told again, then COMPLAINT.ALREADY_NOTIFIED', () => {
    const notified: ComplaintEvent = { type: 'ReporterNotified', data: { complaintId: ID, on: '2026-10-12', dueOn: '2026-10-12', late: false } };
    spec.given([report, acceptedReport, decided(true), notified]).when(cmd('NotifyReporter', { on: '2026-10-13' }, '2026-10-13')).thenThrows('COMPLAINT.ALREADY_NOTIFIED');
  });

  it('given a case decided late in December, when the notice deadline runs past the calendar, then the CalendarRangeError propagates', () => {
    spec.given([report, acceptedReport]).when(cmd('DecideOnCase', { openCase: true, reason: 'x' }, '2026-12-28')).thenThrows('CALENDAR.OUT_OF_RANGE');
  });
});
