import { describe, expect, it } from '@jest/globals';
import type { Actor, CommandMetadata } from '@regledger/shared';
import { DeciderSpec } from '@regledger/shared/testing';
import { DEFAULT_ENFORCEMENT_POLICY, type MatterTrigger } from '../enforcement.types.js';
import type { MatterCommand, RecordNonComplianceData } from './matter.commands.js';
import { matterDecider, matterDeciderFor } from './matter.decider.js';
import { matterIdFor, matterStreamIdFor, matterStreamIdOf, subjectDigestOf, type MatterEvent } from './matter.events.js';
import { followUpInspectionIdFor, productKeyOf } from './matter.rules.js';

const USCC = '914403001922038216';
const PRODUCT = { name: '空气净化器', model: 'KJ500G' };
const KEY = productKeyOf(PRODUCT);
const SUBJECT = { kind: 'product' as const, productKey: KEY, product: PRODUCT };
const DIGEST = subjectDigestOf(SUBJECT);
const M1 = matterIdFor(USCC, DIGEST, 1);
const ENTERPRISE_DIGEST = subjectDigestOf({ kind: 'enterprise' });
const E1 = matterIdFor(USCC, ENTERPRISE_DIGEST, 1);

const supervisor: Actor = { id: 'sup-1', role: 'supervisor', jurisdiction: '440300' };
const guangzhou: Actor = { id: 'sup-2', role: 'supervisor', jurisdiction: '440100' };
const inspector: Actor = { id: 'insp-1', role: 'inspector', jurisdiction: '440300' };
const system: Actor = { id: 'system:enforcement.test', role: 'system', jurisdiction: '000000' };
const meta = (date: string, who: Actor = supervisor): CommandMetadata => ({ now: `${date}T02:00:00Z`, actor: who, correlationId: 'c' });
const spec = DeciderSpec.for(matterDecider);

const trigger = (over: Partial<MatterTrigger> = {}): MatterTrigger => ({
  kind: 'failed_inspection',
  sourceEventId: 'evt-1',
  sourceStreamId: 'inspection-task-1',
  reference: 'insp-1',
  occurredOn: '2026-03-02',
  description: null,
  ...over,
});
const record = (over: Partial<RecordNonComplianceData> = {}, who: Actor = system, date = '2026-03-02'): MatterCommand => ({
  type: 'RecordNonCompliance',
  data: { uscc: USCC, jurisdiction: '440305', subject: { kind: 'product', product: PRODUCT }, trigger: trigger(), ...over },
  metadata: meta(date, who),
});
const step = (type: MatterCommand['type'], data: Record<string, unknown>, date: string, who: Actor = supervisor): MatterCommand =>
  ({ type, data: { matterId: M1, ...data }, metadata: meta(date, who) }) as MatterCommand;

const base = { matterId: M1, uscc: USCC };
const opened: MatterEvent = { type: 'MatterOpened', data: { ...base, jurisdiction: '440305', subject: SUBJECT, trigger: trigger(), openedOn: '2026-03-02' } };
const stopSale: MatterEvent = { type: 'StopSaleOrdered', data: { ...base, orderedOn: '2026-03-02' } };
const correction: MatterEvent = { type: 'CorrectionOrdered', data: { ...base, orderedOn: '2026-03-03', correctionDueOn: '2026-05-02', followUpDueOn: '2026-05-17' } };
const requested = (round: 1 | 2 | 3, requestedOn: string, dueOn: string, earliestOn: string | null = null): MatterEvent => ({
  type: 'FollowUpInspectionRequested',
  data: { ...base, jurisdiction: '440305', round, inspectionId: followUpInspectionIdFor(M1, round), product: PRODUCT, productKey: KEY, requestedOn, earliestOn, dueOn },
});
const result = (round: 1 | 2 | 3, completedOn: string, passed = false): MatterEvent => ({
  type: 'FollowUpResultRecorded',
  data: { ...base, round, inspectionId: followUpInspectionIdFor(M1, round), outcome: passed ? 'conforming' : 'non_conforming', passed, completedOn, sourceEventId: `done-${round}` },
});
const notice: MatterEvent = { type: 'PublicNoticeIssued', data: { ...base, issuedOn: '2026-05-20', secondFollowUpEarliestOn: '2026-07-19', secondFollowUpDueOn: '2026-08-18' } };
const suspension: MatterEvent = { type: 'SuspensionOrdered', data: { ...base, orderedOn: '2026-08-20', rectificationDueOn: '2026-11-18' } };
const round1 = [opened, stopSale, correction, requested(1, '2026-03-03', '2026-05-17')];
const afterNotice = [...round1, result(1, '2026-05-10'), notice];
const afterSuspension = [...afterNotice, requested(2, '2026-07-19', '2026-08-18', '2026-07-19'), result(2, '2026-08-01'), suspension];

describe('matter ids and streams', () => {
  it('one stream per enterprise and subject; matter ids carry the stream and the number', () => {
    expect(DIGEST).toMatch(/^[0-9a-f]{16}$/);
    expect(matterStreamIdFor(USCC, SUBJECT)).toBe(`matters-${USCC}-${DIGEST}`);
    expect(matterStreamIdOf(M1)).toBe(`matters-${USCC}-${DIGEST}`);
    expect(matterStreamIdOf('nonsense')).toBeNull();
    expect(ENTERPRISE_DIGEST).not.toBe(DIGEST);
    expect(followUpInspectionIdFor(M1, 1)).toBe(followUpInspectionIdFor(M1, 1));
    expect(followUpInspectionIdFor(M1, 1)).not.toBe(followUpInspectionIdFor(M1, 2));
  });
});

describe('matter decider: non-compliance', () => {
  it('given nothing, when a failed inspection is recorded, then matter 1 opens on the inspection date', () => {
    spec.given([]).when(record()).then([opened]);
  });

  it('given an open matter, when another non-compliance comes, then it joins the open matter', () => {
    const t = trigger({ sourceEventId: 'evt-2', occurredOn: '2026-03-05' });
    spec.given([opened]).when(record({ trigger: t })).then([{ type: 'NonComplianceJoined', data: { ...base, trigger: t, joinedOn: '2026-03-05' } }]);
  });

  it('given a source event already taken in, when it comes again, then nothing is recorded', () => {
    spec.given([opened]).when(record()).then([]);
  });

  it('given a closed matter, when a new non-compliance comes, then matter 2 opens in the same stream', () => {
    const closed: MatterEvent = { type: 'MatterClosed', data: { ...base, outcome: 'dismissed', reason: 'x', closedOn: '2026-03-03' } };
    spec
      .given([opened, closed])
      .when(record({ trigger: trigger({ sourceEventId: 'evt-9' }) }))
      .then((events) => expect(events).toEqual([expect.objectContaining({ type: 'MatterOpened', data: expect.objectContaining({ matterId: matterIdFor(USCC, DIGEST, 2) }) })]));
  });

  it('a supervisor records manual non-compliance in its jurisdiction only; other kinds come from the engine', () => {
    spec
      .given([])
      .when(record({ trigger: trigger({ kind: 'manual', sourceEventId: null }) }, supervisor))
      .then((events) => expect(events[0].type).toBe('MatterOpened'));
    spec.given([]).when(record({}, supervisor)).thenThrows('MATTER.FORBIDDEN');
    spec.given([]).when(record({ trigger: trigger({ kind: 'manual', sourceEventId: null }) }, guangzhou)).thenThrows('MATTER.FORBIDDEN');
    spec.given([]).when(record({ trigger: trigger({ kind: 'manual' }) }, inspector)).thenThrows('MATTER.FORBIDDEN');
  });

  it('refuses an invalid USCC, subject and trigger, naming every field; a person may not date it after today', () => {
    const e = spec
      .given([])
      .when(record({ uscc: '91350100M000100Y4Z', subject: { kind: 'product' } as never, trigger: { kind: 'rumour', occurredOn: 'x' } as never }))
      .thenThrows('MATTER.VALIDATION_FAILED');
    expect((e.details.errors as { field: string }[]).map((x) => x.field).sort()).toEqual(['subject.product.model', 'subject.product.name', 'trigger.kind', 'trigger.occurredOn', 'uscc']);
    spec.given([]).when(record({ trigger: trigger({ kind: 'manual', sourceEventId: null, occurredOn: '2026-03-03' }) }, supervisor)).thenThrows('MATTER.VALIDATION_FAILED');
  });
});

describe('matter decider: the failed-product path (SAMR Order 18 arts. 44–50)', () => {
  it('stop sale, then correction: correct within 60 days, follow-up due within 75', () => {
    spec.given([opened]).when(step('OrderStopSale', { on: '2026-03-02' }, '2026-03-02')).then([stopSale]);
    spec.given([opened, stopSale]).when(step('OrderCorrection', { on: '2026-03-03' }, '2026-03-03')).then([correction]);
  });

  it('refuses the correction before the stop of sales unless the policy allows it, and each step twice', () => {
    spec.given([opened]).when(step('OrderCorrection', {}, '2026-03-03')).thenThrows('MATTER.STEP_OUT_OF_ORDER');
    DeciderSpec.for(matterDeciderFor({ ...DEFAULT_ENFORCEMENT_POLICY, stopSaleBeforeCorrection: false }))
      .given([opened])
      .when(step('OrderCorrection', { on: '2026-03-03' }, '2026-03-03'))
      .then((events) => expect(events[0].type).toBe('CorrectionOrdered'));
    spec.given([opened, stopSale]).when(step('OrderStopSale', {}, '2026-03-03')).thenThrows('MATTER.STEP_OUT_OF_ORDER');
    spec.given([opened, stopSale, correction]).when(step('OrderCorrection', {}, '2026-03-04')).thenThrows('MATTER.STEP_OUT_OF_ORDER');
  });

  it('round 1 follows the correction, due on the follow-up date, under an id derived from the matter', () => {
    spec.given([opened, stopSale, correction]).when(step('RequestFollowUpInspection', { round: 1, on: '2026-03-03' }, '2026-03-04')).then([requested(1, '2026-03-03', '2026-05-17')]);
    spec.given([opened, stopSale]).when(step('RequestFollowUpInspection', { round: 1 }, '2026-03-04')).thenThrows('MATTER.STEP_OUT_OF_ORDER');
    spec.given(round1).when(step('RequestFollowUpInspection', { round: 1 }, '2026-03-04')).thenThrows('MATTER.STEP_OUT_OF_ORDER');
    spec.given(round1).when(step('RequestFollowUpInspection', { round: 4 }, '2026-03-04')).thenThrows('MATTER.VALIDATION_FAILED');
  });

  it('a passed follow-up closes the matter as corrected in the same decision', () => {
    const cmd = step('RecordFollowUpResult', { round: 1, inspectionId: followUpInspectionIdFor(M1, 1), outcome: 'conforming', completedOn: '2026-05-10', sourceEventId: 'done-1' }, '2026-05-10', system);
    spec.given(round1).when(cmd).then([result(1, '2026-05-10', true), { type: 'MatterClosed', data: { ...base, outcome: 'corrected', reason: 'follow-up round 1 passed', closedOn: '2026-05-10' } }]);
  });

  it('a failed follow-up is recorded; a result for another inspection, or again, records nothing; people may not send it', () => {
    const cmd = (over: Record<string, unknown> = {}) =>
      step('RecordFollowUpResult', { round: 1, inspectionId: followUpInspectionIdFor(M1, 1), outcome: 'non_conforming', completedOn: '2026-05-10', sourceEventId: 'done-1', ...over }, '2026-05-10', system);
    spec.given(round1).when(cmd()).then([result(1, '2026-05-10')]);
    spec.given(round1).when(cmd({ inspectionId: 'other' })).then([]);
    spec.given([...round1, result(1, '2026-05-10')]).when(cmd()).then([]);
    spec.given(round1).when({ ...cmd(), metadata: meta('2026-05-10') } as MatterCommand).thenThrows('MATTER.FORBIDDEN');
  });

  it('public notice only after a failed round 1; round 2 is due 60–90 days after it and refused before day 60', () => {
    spec.given(round1).when(step('IssuePublicNotice', {}, '2026-05-20')).thenThrows('MATTER.STEP_OUT_OF_ORDER');
    spec.given([...round1, result(1, '2026-05-10')]).when(step('IssuePublicNotice', {}, '2026-05-20')).then([notice]);
    spec.given(afterNotice).when(step('RequestFollowUpInspection', { round: 2, on: '2026-07-18' }, '2026-07-20')).thenThrows('MATTER.FOLLOW_UP_TOO_EARLY');
    spec.given(afterNotice).when(step('RequestFollowUpInspection', { round: 2, on: '2026-07-19' }, '2026-07-20')).then([requested(2, '2026-07-19', '2026-08-18', '2026-07-19')]);
    spec.given(afterNotice).when(step('RequestFollowUpInspection', { round: 3 }, '2026-07-20')).thenThrows('MATTER.STEP_OUT_OF_ORDER');
  });

  it('suspension after a failed round 2 (rectification 90 days, design choice); round 3 due when it ends; revocation after a failed round 3 closes', () => {
    spec.given([...afterNotice, requested(2, '2026-07-19', '2026-08-18', '2026-07-19')]).when(step('OrderSuspension', {}, '2026-08-20')).thenThrows('MATTER.STEP_OUT_OF_ORDER');
    spec.given([...afterNotice, requested(2, '2026-07-19', '2026-08-18', '2026-07-19'), result(2, '2026-08-01')]).when(step('OrderSuspension', {}, '2026-08-20')).then([suspension]);
    spec.given(afterSuspension).when(step('RequestFollowUpInspection', { round: 3 }, '2026-08-21')).then([requested(3, '2026-08-21', '2026-11-18')]);
    spec.given([...afterSuspension, requested(3, '2026-08-21', '2026-11-18')]).when(step('RevokeLicence', {}, '2026-11-20')).thenThrows('MATTER.STEP_OUT_OF_ORDER');
    spec
      .given([...afterSuspension, requested(3, '2026-08-21', '2026-11-18'), result(3, '2026-11-10')])
      .when(step('RevokeLicence', {}, '2026-11-20'))
      .then([
        { type: 'LicenceRevoked', data: { ...base, revokedOn: '2026-11-20' } },
        { type: 'MatterClosed', data: { ...base, outcome: 'revoked', reason: 'third follow-up failed', closedOn: '2026-11-20' } },
      ]);
  });

  it('refuses a step on a closed matter, dated before the previous step, after today, outside the jurisdiction, or of an unknown matter', () => {
    const closed: MatterEvent = { type: 'MatterClosed', data: { ...base, outcome: 'dismissed', reason: 'x', closedOn: '2026-03-03' } };
    spec.given([opened, closed]).when(step('OrderStopSale', {}, '2026-03-04')).thenThrows('MATTER.CLOSED');
    spec.given([opened, stopSale, correction]).when(step('RequestFollowUpInspection', { round: 1, on: '2026-03-02' }, '2026-03-04')).thenThrows('MATTER.DATE_OUT_OF_ORDER');
    spec.given([opened]).when(step('OrderStopSale', { on: '2026-03-05' }, '2026-03-04')).thenThrows('MATTER.VALIDATION_FAILED');
    spec.given([opened]).when(step('OrderStopSale', {}, '2026-03-04', guangzhou)).thenThrows('MATTER.FORBIDDEN');
    spec.given([opened]).when(step('OrderStopSale', {}, '2026-03-04', inspector)).thenThrows('MATTER.FORBIDDEN');
    spec.given([opened]).when(step('OrderStopSale', { matterId: matterIdFor(USCC, DIGEST, 7) }, '2026-03-04')).thenThrows('MATTER.NOT_FOUND');
    const second: MatterEvent = { type: 'MatterOpened', data: { ...opened.data, matterId: matterIdFor(USCC, DIGEST, 2), trigger: trigger({ sourceEventId: 'evt-9' }) } } as MatterEvent;
    spec.given([opened, closed, second]).when(step('OrderStopSale', {}, '2026-03-04')).thenThrows('MATTER.CLOSED');
  });

  it('a supervisor closes a matter by hand as referred to a case or dismissed', () => {
    spec
      .given([opened])
      .when(step('CloseMatter', { outcome: 'referred_to_case', reason: '转立案' }, '2026-03-04'))
      .then([{ type: 'MatterClosed', data: { ...base, outcome: 'referred_to_case', reason: '转立案', closedOn: '2026-03-04' } }]);
    spec.given([opened]).when(step('CloseMatter', { outcome: 'corrected', reason: 'x' }, '2026-03-04')).thenThrows('MATTER.VALIDATION_FAILED');
  });
});

describe('matter decider: declaration duties (Standardization Law art. 38)', () => {
  const eBase = { matterId: E1, uscc: USCC };
  const eOpened: MatterEvent = {
    type: 'MatterOpened',
    data: { ...eBase, jurisdiction: '440305', subject: { kind: 'enterprise' }, trigger: trigger({ kind: 'late_declaration' }), openedOn: '2026-03-02' },
  };
  const eCorrection: MatterEvent = { type: 'CorrectionOrdered', data: { ...eBase, orderedOn: '2026-03-02', correctionDueOn: '2026-04-01', followUpDueOn: null } };
  const eStep = (type: MatterCommand['type'], data: Record<string, unknown>, date: string): MatterCommand => step(type, { matterId: E1, ...data }, date);

  it('the correction is due in 30 days (design choice) with no follow-up; the product steps do not apply', () => {
    spec.given([eOpened]).when(eStep('OrderCorrection', {}, '2026-03-02')).then([eCorrection]);
    spec.given([eOpened]).when(eStep('OrderStopSale', {}, '2026-03-02')).thenThrows('MATTER.WRONG_SUBJECT');
    spec.given([eOpened, eCorrection]).when(eStep('RequestFollowUpInspection', { round: 1 }, '2026-03-02')).thenThrows('MATTER.WRONG_SUBJECT');
  });

  it('a confirmed correction closes the matter; a non-disclosure is published only once the deadline passed', () => {
    spec
      .given([eOpened, eCorrection])
      .when(eStep('ConfirmCorrection', { note: '已补充公开' }, '2026-03-20'))
      .then([
        { type: 'CorrectionConfirmed', data: { ...eBase, confirmedOn: '2026-03-20', note: '已补充公开' } },
        { type: 'MatterClosed', data: { ...eBase, outcome: 'corrected', reason: 'correction confirmed', closedOn: '2026-03-20' } },
      ]);
    spec.given([eOpened]).when(eStep('ConfirmCorrection', {}, '2026-03-20')).thenThrows('MATTER.STEP_OUT_OF_ORDER');
    spec.given([eOpened, eCorrection]).when(eStep('PublishNonDisclosure', {}, '2026-04-01')).thenThrows('MATTER.CORRECTION_PERIOD_RUNNING');
    spec.given([eOpened, eCorrection]).when(eStep('PublishNonDisclosure', {}, '2026-04-02')).then([{ type: 'NonDisclosurePublished', data: { ...eBase, publishedOn: '2026-04-02' } }]);
    spec.given([opened]).when(step('ConfirmCorrection', {}, '2026-03-20')).thenThrows('MATTER.WRONG_SUBJECT');
  });

  it('a missed correction deadline is recorded once, only after it passed', () => {
    const missed = (date: string) => ({ type: 'RecordMatterDeadlineMissed', data: { matterId: E1, deadline: 'correction', dueOn: '2026-04-01' }, metadata: meta(date, system) }) as MatterCommand;
    spec.given([eOpened, eCorrection]).when(missed('2026-04-01')).then([]);
    const recorded: MatterEvent = { type: 'MatterDeadlineMissed', data: { ...eBase, deadline: 'correction', dueOn: '2026-04-01', recordedOn: '2026-04-02' } };
    spec.given([eOpened, eCorrection]).when(missed('2026-04-02')).then([recorded]);
    spec.given([eOpened, eCorrection, recorded]).when(missed('2026-04-03')).then([]);
  });
});

describe('matter decider: follow-up deadlines', () => {
  it('a missed follow-up of round 1 is recorded after its due date', () => {
    const missed = { type: 'RecordMatterDeadlineMissed', data: { matterId: M1, deadline: 'follow_up', dueOn: '2026-05-17' }, metadata: meta('2026-05-18', system) } as MatterCommand;
    spec.given(round1).when(missed).then([{ type: 'MatterDeadlineMissed', data: { ...base, deadline: 'follow_up', dueOn: '2026-05-17', recordedOn: '2026-05-18' } }]);
    spec.given([...round1, result(1, '2026-05-10')]).when(missed).then([]);
  });
});
