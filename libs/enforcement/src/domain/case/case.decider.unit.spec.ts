import { describe, expect, it } from '@jest/globals';
import type { Actor, CommandMetadata } from '@regledger/shared';
import { DeciderSpec } from '@regledger/shared/testing';
import type { CaseCommand } from './case.commands.js';
import { caseDecider } from './case.decider.js';
import type { CaseEvent } from './case.events.js';
import { caseIdForReport } from './case.rules.js';

const ID = '0197b000-0000-7000-8000-000000000001';
const USCC = '914403001922038216';
const supervisor: Actor = { id: 'sup-1', role: 'supervisor', jurisdiction: '440300' };
const guangzhou: Actor = { id: 'sup-2', role: 'supervisor', jurisdiction: '440100' };
const analyst: Actor = { id: 'an-1', role: 'analyst', jurisdiction: '000000' };
const system: Actor = { id: 'system:enforcement.test', role: 'system', jurisdiction: '000000' };
const meta = (date: string, who: Actor = supervisor): CommandMetadata => ({ now: `${date}T02:00:00Z`, actor: who, correlationId: 'c' });
const spec = DeciderSpec.for(caseDecider);
const base = { caseId: ID, uscc: USCC };

const leadData = { caseId: ID, uscc: USCC, jurisdiction: '440305', matterId: null, productKey: null, source: { kind: 'other' as const, reference: null }, summary: '涉嫌不符合标准', discoveredOn: '2026-03-02' };
const register = (over: Record<string, unknown> = {}, who: Actor = supervisor, date = '2026-03-02'): CaseCommand => ({ type: 'RegisterLead', data: { ...leadData, ...over }, metadata: meta(date, who) }) as CaseCommand;
const step = (type: CaseCommand['type'], data: Record<string, unknown>, date: string, who: Actor = supervisor): CaseCommand => ({ type, data: { caseId: ID, ...data }, metadata: meta(date, who) }) as CaseCommand;

const lead: CaseEvent = { type: 'LeadRegistered', data: { ...leadData, verificationDueOn: '2026-03-23' } };
const opened: CaseEvent = { type: 'CaseOpened', data: { ...base, jurisdiction: '440305', matterId: null, productKey: null, openedOn: '2026-03-10', decisionDueOn: '2026-06-08' } };
const paused: CaseEvent = { type: 'CasePaused', data: { ...base, kind: 'testing', from: '2026-03-20' } };
const resumed: CaseEvent = { type: 'CaseResumed', data: { ...base, on: '2026-03-30', pausedDays: 10, decisionDueOn: '2026-06-18' } };
const fine = { kind: 'fine' as const, amountYuan: 50_000 };
const decided = (penalties: { kind: 'warning' | 'fine' | 'confiscation' | 'suspension' | 'licence_revocation'; amountYuan: number | null }[], publication: object, heavy = false): CaseEvent[] => [
  {
    type: 'PenaltyDecided',
    data: { ...base, jurisdiction: '440305', matterId: null, productKey: null, decidedOn: '2026-06-01', penalties, heavy, sector: 'general', legalBasis: '产品质量法第四十九条', publication },
  } as CaseEvent,
  { type: 'CaseClosed', data: { ...base, outcome: penalties.length ? 'penalty' : 'no_penalty', closedOn: '2026-06-01' } },
];
const decide = (penalties: unknown[]) => step('DecidePenalty', { penalties, sector: 'general', legalBasis: '产品质量法第四十九条' }, '2026-06-01');
const finedCase = [lead, opened, ...decided([fine], { required: true, dueOn: '2026-06-30', window: '3_months' })];
const published: CaseEvent = { type: 'PenaltyPublished', data: { ...base, publishedOn: '2026-06-10', shownUntil: '2026-09-09', late: false } };

describe('case decider: the lead (Penalty Procedure Provisions art. 18)', () => {
  it('given nothing, when a supervisor registers a lead, then verification is due 15 working days after discovery', () => {
    spec.given([]).when(register()).then([lead]);
  });

  it('refuses a second registration, another jurisdiction, a reader role, and bad fields by name', () => {
    spec.given([lead]).when(register()).thenThrows('CASE.ALREADY_EXISTS');
    spec.given([]).when(register({}, guangzhou)).thenThrows('CASE.FORBIDDEN');
    spec.given([]).when(register({}, analyst)).thenThrows('CASE.FORBIDDEN');
    const e = spec.given([]).when(register({ uscc: 'bad', source: { kind: 'rumour' }, summary: ' ' })).thenThrows('CASE.VALIDATION_FAILED');
    expect((e.details.errors as { field: string }[]).map((x) => x.field).sort()).toEqual(['source.kind', 'summary', 'uscc']);
  });

  it('the verification is extended once by 15 working days, while it runs', () => {
    spec.given([lead]).when(step('ExtendLeadVerification', { reason: '需调取证据' }, '2026-03-20')).then([{ type: 'LeadVerificationExtended', data: { ...base, reason: '需调取证据', verificationDueOn: '2026-04-14' } }]);
    spec.given([lead, { type: 'LeadVerificationExtended', data: { ...base, reason: 'x', verificationDueOn: '2026-04-14' } }]).when(step('ExtendLeadVerification', { reason: 'y' }, '2026-03-25')).thenThrows('CASE.ALREADY_EXTENDED');
    spec.given([lead]).when(step('ExtendLeadVerification', { reason: 'y' }, '2026-03-24')).thenThrows('CASE.PERIOD_OVER');
  });

  it('declining closes the lead; opening sets the decision 90 calendar days on (Administrative Penalty Law art. 60)', () => {
    spec
      .given([lead])
      .when(step('DeclineCase', { reason: '证据不足' }, '2026-03-10'))
      .then([
        { type: 'CaseNotOpened', data: { ...base, reason: '证据不足', decidedOn: '2026-03-10' } },
        { type: 'CaseClosed', data: { ...base, outcome: 'not_opened', closedOn: '2026-03-10' } },
      ]);
    spec.given([lead]).when(step('OpenCase', {}, '2026-03-10')).then([opened]);
    spec.given([lead, opened]).when(step('OpenCase', {}, '2026-03-11')).thenThrows('CASE.STEP_OUT_OF_ORDER');
    spec.given([]).when(step('OpenCase', {}, '2026-03-11')).thenThrows('CASE.NOT_FOUND');
    spec.given([lead]).when(step('OpenCase', { on: '2026-03-01' }, '2026-03-11')).thenThrows('CASE.DATE_OUT_OF_ORDER');
  });

  it('a missed verification is recorded once after its due date', () => {
    const missed = (date: string) => step('RecordCaseDeadlineMissed', { deadline: 'verification', dueOn: '2026-03-23' }, date, system);
    spec.given([lead]).when(missed('2026-03-23')).then([]);
    spec.given([lead]).when(missed('2026-03-24')).then([{ type: 'CaseDeadlineMissed', data: { ...base, deadline: 'verification', dueOn: '2026-03-23', recordedOn: '2026-03-24' } }]);
    spec.given([lead]).when(step('RecordCaseDeadlineMissed', { deadline: 'verification', dueOn: '2026-03-23' }, '2026-03-24')).thenThrows('CASE.FORBIDDEN');
  });
});

describe('case decider: the decision period (Administrative Penalty Law art. 60)', () => {
  it('paused days push the decision deadline; one pause at a time; resuming needs a pause', () => {
    spec.given([lead, opened]).when(step('PauseCase', { kind: 'testing', from: '2026-03-20' }, '2026-03-20')).then([paused]);
    spec.given([lead, opened, paused]).when(step('PauseCase', { kind: 'hearing' }, '2026-03-21')).thenThrows('CASE.PAUSED');
    spec.given([lead, opened, paused]).when(step('ResumeCase', { on: '2026-03-30' }, '2026-03-30')).then([resumed]);
    spec.given([lead, opened]).when(step('ResumeCase', {}, '2026-03-30')).thenThrows('CASE.NOT_PAUSED');
    spec.given([lead]).when(step('PauseCase', { kind: 'testing' }, '2026-03-20')).thenThrows('CASE.STEP_OUT_OF_ORDER');
  });

  it('the deadline is extended once by 30 days with approval, not while paused nor after it passed', () => {
    spec
      .given([lead, opened, paused, resumed])
      .when(step('ExtendDecisionDeadline', { approvalReference: '批-1' }, '2026-06-01'))
      .then([{ type: 'DecisionDeadlineExtended', data: { ...base, approvalReference: '批-1', decisionDueOn: '2026-07-18' } }]);
    const extended: CaseEvent = { type: 'DecisionDeadlineExtended', data: { ...base, approvalReference: '批-1', decisionDueOn: '2026-07-18' } };
    spec.given([lead, opened, paused, resumed, extended]).when(step('ExtendDecisionDeadline', { approvalReference: '批-2' }, '2026-06-02')).thenThrows('CASE.ALREADY_EXTENDED');
    spec.given([lead, opened, paused]).when(step('ExtendDecisionDeadline', { approvalReference: '批-2' }, '2026-04-02')).thenThrows('CASE.PAUSED');
    spec.given([lead, opened]).when(step('ExtendDecisionDeadline', { approvalReference: '批-2' }, '2026-06-09')).thenThrows('CASE.PERIOD_OVER');
  });

  it('a missed decision deadline is recorded after it passed, not while paused', () => {
    const missed = step('RecordCaseDeadlineMissed', { deadline: 'decision', dueOn: '2026-06-08' }, '2026-06-09', system);
    spec.given([lead, opened]).when(missed).then([{ type: 'CaseDeadlineMissed', data: { ...base, deadline: 'decision', dueOn: '2026-06-08', recordedOn: '2026-06-09' } }]);
    spec.given([lead, opened, { ...paused, data: { ...paused.data, from: '2026-06-01' } } as CaseEvent]).when(missed).then([]);
  });
});

describe('case decider: penalties and publication (SAMR Orders 44, 45)', () => {
  it('a fine up to 100,000 yuan is published within 20 working days, for 3 months; the decision closes the case', () => {
    spec.given([lead, opened]).when(decide([fine])).then(decided([fine], { required: true, dueOn: '2026-06-30', window: '3_months' }));
  });

  it('a bare warning is not published; no penalty closes as no_penalty; a licence revocation is heavy and shown 3 years', () => {
    spec.given([lead, opened]).when(decide([{ kind: 'warning' }])).then(decided([{ kind: 'warning', amountYuan: null }], { required: false, dueOn: null, window: null }));
    spec.given([lead, opened]).when(decide([])).then(decided([], { required: false, dueOn: null, window: null }));
    spec
      .given([lead, opened])
      .when(decide([{ kind: 'licence_revocation' }]))
      .then(decided([{ kind: 'licence_revocation', amountYuan: null }], { required: true, dueOn: '2026-06-30', window: '3_years' }, true));
  });

  it('refuses a decision while paused, before opening, and penalties without or with a wrong amount', () => {
    spec.given([lead, opened, paused]).when(decide([fine])).thenThrows('CASE.PAUSED');
    spec.given([lead]).when(decide([fine])).thenThrows('CASE.STEP_OUT_OF_ORDER');
    const e = spec.given([lead, opened]).when(decide([{ kind: 'fine' }, { kind: 'warning', amountYuan: 5 }])).thenThrows('CASE.VALIDATION_FAILED');
    expect((e.details.errors as { field: string }[]).map((x) => x.field)).toEqual(['penalties[0].amountYuan', 'penalties[1].amountYuan']);
    spec.given(finedCase).when(decide([fine])).thenThrows('CASE.CLOSED');
  });

  it('publishes once: shown until the day before the same date 3 months on; late after the due date', () => {
    spec.given(finedCase).when(step('PublishPenalty', { on: '2026-06-10' }, '2026-06-10')).then([published]);
    spec
      .given(finedCase)
      .when(step('PublishPenalty', {}, '2026-07-01'))
      .then([{ type: 'PenaltyPublished', data: { ...base, publishedOn: '2026-07-01', shownUntil: '2026-09-30', late: true } }]);
    spec.given([...finedCase, published]).when(step('PublishPenalty', {}, '2026-06-11')).thenThrows('CASE.ALREADY_PUBLISHED');
    spec.given([lead, opened, ...decided([{ kind: 'warning', amountYuan: null }], { required: false, dueOn: null, window: null })]).when(step('PublishPenalty', {}, '2026-06-11')).thenThrows('CASE.NOT_PUBLISHABLE');
  });

  it('an unpublished penalty is recorded overdue once after its due date', () => {
    const overdue = step('RecordPenaltyPublicationOverdue', { dueOn: '2026-06-30' }, '2026-07-01', system);
    const recorded: CaseEvent = { type: 'PenaltyPublicationOverdue', data: { ...base, dueOn: '2026-06-30', recordedOn: '2026-07-01' } };
    spec.given(finedCase).when(overdue).then([recorded]);
    spec.given([...finedCase, recorded]).when(overdue).then([]);
    spec.given([...finedCase, published]).when(overdue).then([]);
  });

  it('the publication ends when its window elapsed, or early on a credit repair; once', () => {
    const end = (reason: string, on: string, repairId: string | null = null) => step('EndPenaltyPublication', { reason, on, repairId }, on, system);
    spec.given([...finedCase, published]).when(end('window_elapsed', '2026-09-09')).then([]);
    spec
      .given([...finedCase, published])
      .when(end('window_elapsed', '2026-09-10'))
      .then([{ type: 'PenaltyPublicationEnded', data: { ...base, endedOn: '2026-09-10', reason: 'window_elapsed', repairId: null } }]);
    const repaired: CaseEvent = { type: 'PenaltyPublicationEnded', data: { ...base, endedOn: '2026-08-01', reason: 'credit_repair', repairId: 'r-1' } };
    spec.given([...finedCase, published]).when(end('credit_repair', '2026-08-01', 'r-1')).then([repaired]);
    spec.given([...finedCase, published, repaired]).when(end('credit_repair', '2026-08-02', 'r-1')).then([]);
    spec.given(finedCase).when(end('credit_repair', '2026-08-01', 'r-1')).thenThrows('CASE.NOT_PUBLISHED');
    spec.given([...finedCase, published]).when(step('EndPenaltyPublication', { reason: 'credit_repair' }, '2026-08-01')).thenThrows('CASE.FORBIDDEN');
  });
});

describe('case decider: a verified report (complaints CaseDecisionRecorded)', () => {
  it('the lead and the case in one decision under an id derived from the complaint; again records nothing', () => {
    const id = caseIdForReport('complaint-1');
    expect(id).toBe(caseIdForReport('complaint-1'));
    const cmd = { type: 'OpenCaseFromReport', data: { ...leadData, caseId: id, source: { kind: 'report', reference: 'complaint-1' }, openedOn: '2026-03-05' }, metadata: meta('2026-03-05', system) } as CaseCommand;
    const events = caseDecider.decide(cmd, caseDecider.initialState());
    expect(events.map((e) => e.type)).toEqual(['LeadRegistered', 'CaseOpened']);
    expect(events[1].data).toMatchObject({ openedOn: '2026-03-05', decisionDueOn: '2026-06-03' });
    const state = events.reduce((s, e) => caseDecider.evolve(s, e), caseDecider.initialState());
    expect(caseDecider.decide(cmd, state)).toEqual([]);
    expect(() => caseDecider.decide({ ...cmd, metadata: meta('2026-03-05') } as CaseCommand, caseDecider.initialState())).toThrow('may not send');
  });
});
