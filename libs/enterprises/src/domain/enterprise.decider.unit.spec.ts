import { describe, expect, it } from '@jest/globals';
import { ValidationError, fold } from '@regledger/shared';
import type { Actor, CommandMetadata, FieldError, Role } from '@regledger/shared';
import { DeciderSpec } from '@regledger/shared/testing';
import {
  ENTERPRISE_EVENT_TYPES,
  enterpriseStreamId,
  isEnterpriseDeregistered,
  isEnterpriseEvent,
  isEnterpriseRegistered,
  isEnterpriseRenamed,
} from '../contracts/index.js';
import { mayActOnEnterprise } from './enterprise-access.policy.js';
import type {
  DeregisterEnterprise,
  DeregisterEnterpriseData,
  RegisterEnterprise,
  RegisterEnterpriseData,
  RenameEnterprise,
  RenameEnterpriseData,
} from './enterprise.commands.js';
import { enterpriseDecider } from './enterprise.decider.js';
import type { EnterpriseDeregistered, EnterpriseEvent, EnterpriseRegistered, EnterpriseRenamed } from './enterprise.events.js';

// 2025-06-01 10:00 in China.
const NOW = '2025-06-01T02:00:00Z';
const TODAY = '2025-06-01';

const HUAWEI = '914403001922038216';
const OTHER = '91350100M000100Y43';

const actor = (role: Role, jurisdiction: string, uscc?: string): Actor => ({ id: `user-${role}-${jurisdiction}`, role, jurisdiction, uscc });

const admin = actor('admin', '000000');
const shenzhenSupervisor = actor('supervisor', '440300');
const guangdongSupervisor = actor('supervisor', '440000');
const nationalSupervisor = actor('supervisor', '000000');
const guangzhouSupervisor = actor('supervisor', '440100');
const districtSupervisor = actor('supervisor', '440307');
const huaweiUser = actor('enterprise', '440307', HUAWEI);
const otherEnterpriseUser = actor('enterprise', '440307', OTHER);
const refusedRoles: Actor[] = [
  actor('public', '440300'),
  actor('complaint_handler', '440300'),
  actor('inspector', '440300'),
  actor('analyst', '000000'),
  actor('system', '000000'),
];

const metadata = (who: Actor, now = NOW): CommandMetadata => ({ now, actor: who, correlationId: 'corr-1' });

const registerData: RegisterEnterpriseData = {
  uscc: HUAWEI,
  name: '华为技术有限公司',
  jurisdiction: '440307',
  address: '深圳市龙岗区坂田华为总部办公楼',
  industry: '计算机、通信和其他电子设备制造业',
};

const register = (data: Partial<RegisterEnterpriseData> = {}, who: Actor = admin, now = NOW): RegisterEnterprise => ({
  type: 'RegisterEnterprise',
  data: { ...registerData, ...data },
  metadata: metadata(who, now),
});

const rename = (data: Partial<RenameEnterpriseData> = {}, who: Actor = shenzhenSupervisor, now = NOW): RenameEnterprise => ({
  type: 'RenameEnterprise',
  data: { uscc: HUAWEI, newName: '华为终端技术有限公司', effectiveDate: '2025-05-20', ...data },
  metadata: metadata(who, now),
});

const deregister = (data: Partial<DeregisterEnterpriseData> = {}, who: Actor = huaweiUser, now = NOW): DeregisterEnterprise => ({
  type: 'DeregisterEnterprise',
  data: { uscc: HUAWEI, effectiveDate: '2025-05-30', reason: '经营期限届满', ...data },
  metadata: metadata(who, now),
});

const registered: EnterpriseRegistered = {
  type: 'EnterpriseRegistered',
  data: { ...registerData, registeredOn: '2025-01-15' },
};

const renamed = (previousName: string, newName: string, effectiveDate: string): EnterpriseRenamed => ({
  type: 'EnterpriseRenamed',
  data: { uscc: HUAWEI, previousName, newName, effectiveDate, jurisdiction: '440307' },
});

const deregistered: EnterpriseDeregistered = {
  type: 'EnterpriseDeregistered',
  data: { uscc: HUAWEI, effectiveDate: '2025-03-01', reason: '注销' },
};

const spec = DeciderSpec.for(enterpriseDecider);

const fieldErrors = (given: EnterpriseEvent[], command: Parameters<typeof enterpriseDecider.decide>[0]): FieldError[] => {
  const error = spec.given(given).when(command).thenThrows('ENTERPRISE.VALIDATION_FAILED');
  expect(error).toBeInstanceOf(ValidationError);
  expect(error.kind).toBe('validation');
  return (error as ValidationError).errors;
};

const rulesOf = (errors: FieldError[]): Array<[string, string]> => errors.map((e) => [e.field, e.rule]);

describe('enterpriseDecider', () => {
  describe('RegisterEnterprise', () => {
    it('registers an enterprise dated in China time', () => {
      spec
        .given([])
        .when(register())
        .then([{ type: 'EnterpriseRegistered', data: { ...registerData, registeredOn: TODAY } }]);
    });

    it('dates the registration by the China calendar across UTC midnight', () => {
      spec
        .given([])
        .when(register({}, admin, '2025-05-31T16:30:00Z'))
        .then((events) => expect(events[0].data).toMatchObject({ registeredOn: '2025-06-01' }));
      spec
        .given([])
        .when(register({}, admin, '2025-05-31T15:59:59Z'))
        .then((events) => expect(events[0].data).toMatchObject({ registeredOn: '2025-05-31' }));
      spec
        .given([])
        .when(register({}, admin, '2025-06-01T08:30:00+08:00'))
        .then((events) => expect(events[0].data).toMatchObject({ registeredOn: '2025-06-01' }));
    });

    it('normalises the USCC, the name and the free text', () => {
      spec
        .given([])
        .when(
          register({
            uscc: ' 91350100m000100y43 ',
            name: '  福建 \t 某某\u3000 有限公司 ',
            jurisdiction: ' 350100 ',
            address: ' 福州市  鼓楼区 ',
            industry: ' 软件和信息技术服务业\n',
          }),
        )
        .then([
          {
            type: 'EnterpriseRegistered',
            data: {
              uscc: OTHER,
              name: '福建 某某 有限公司',
              jurisdiction: '350100',
              address: '福州市 鼓楼区',
              industry: '软件和信息技术服务业',
              registeredOn: TODAY,
            },
          },
        ]);
    });

    it('does not require the jurisdiction to match the USCC division code: enterprises move', () => {
      spec
        .given([])
        .when(register({ jurisdiction: '440106' }))
        .then((events) => expect(events[0].data).toMatchObject({ uscc: HUAWEI, jurisdiction: '440106' }));
    });

    it('accepts empty address and industry', () => {
      spec
        .given([])
        .when(register({ address: '', industry: '   ' }))
        .then((events) => expect(events[0].data).toMatchObject({ address: '', industry: '' }));
    });

    it.each([
      ['the admin anywhere', admin],
      ['a district supervisor of the jurisdiction', districtSupervisor],
      ['a city supervisor covering it', shenzhenSupervisor],
      ['a province supervisor covering it', guangdongSupervisor],
      ['a national supervisor', nationalSupervisor],
      ['the enterprise itself', huaweiUser],
      ['the enterprise itself, whatever the case of its token', actor('enterprise', '440307', HUAWEI.toLowerCase())],
    ])('lets %s register', (_, who) => {
      spec
        .given([])
        .when(register({}, who))
        .then((events) => expect(events).toHaveLength(1));
    });

    it('refuses a supervisor outside the jurisdiction', () => {
      const error = spec.given([]).when(register({}, guangzhouSupervisor)).thenThrows('ENTERPRISE.FORBIDDEN');
      expect(error.kind).toBe('forbidden');
    });

    it('refuses a supervisor whose own jurisdiction is malformed', () => {
      spec
        .given([])
        .when(register({}, actor('supervisor', '44')))
        .thenThrows('ENTERPRISE.FORBIDDEN');
    });

    it('refuses an enterprise registering another USCC', () => {
      spec.given([]).when(register({}, otherEnterpriseUser)).thenThrows('ENTERPRISE.FORBIDDEN');
    });

    it('refuses an enterprise user without a USCC', () => {
      spec
        .given([])
        .when(register({}, actor('enterprise', '440307')))
        .thenThrows('ENTERPRISE.FORBIDDEN');
    });

    it.each(refusedRoles.map((a) => [a.role, a] as const))('refuses the %s role', (_, who) => {
      spec.given([]).when(register({}, who)).thenThrows('ENTERPRISE.FORBIDDEN');
    });

    it('refuses a refused role before looking at the data', () => {
      spec
        .given([])
        .when(register({ uscc: 'nonsense', name: '' }, actor('public', '440300')))
        .thenThrows('ENTERPRISE.FORBIDDEN');
    });

    it('refuses to register twice', () => {
      const error = spec.given([registered]).when(register()).thenThrows('ENTERPRISE.ALREADY_REGISTERED');
      expect(error.kind).toBe('conflict');
    });

    it('refuses to register a deregistered enterprise again: a USCC is never reused', () => {
      spec.given([registered, deregistered]).when(register()).thenThrows('ENTERPRISE.ALREADY_REGISTERED');
    });

    it('lists every failing field at once', () => {
      const errors = fieldErrors(
        [],
        register({ uscc: '914403001922038217', name: '   ', jurisdiction: '4403', address: 'x'.repeat(501), industry: 'y'.repeat(101) }),
      );
      expect(rulesOf(errors)).toEqual([
        ['uscc', 'uscc_check_character'],
        ['name', 'required'],
        ['jurisdiction', 'division_code'],
        ['address', 'max_length'],
        ['industry', 'max_length'],
      ]);
      for (const e of errors) expect(e.message).toEqual(expect.any(String));
    });

    it.each([
      ['91350100M000100Y4Z', 'uscc_check_character'],
      ['91350100M000100Y4', 'uscc_format'],
      ['9135010OM000100Y43', 'uscc_format'],
      ['91350100M00010-Y43', 'uscc_format'],
      ['', 'required'],
    ])('rejects the USCC %j with rule %s', (uscc, rule) => {
      expect(rulesOf(fieldErrors([], register({ uscc })))).toEqual([['uscc', rule]]);
    });

    it('counts name length in characters after trimming: 200 pass, 201 fail', () => {
      spec
        .given([])
        .when(register({ name: ` ${'企'.repeat(200)} ` }))
        .then((events) => expect(events).toHaveLength(1));
      spec
        .given([])
        .when(register({ name: '𠀀'.repeat(200) }))
        .then((events) => expect(events).toHaveLength(1));
      expect(rulesOf(fieldErrors([], register({ name: '企'.repeat(201) })))).toEqual([['name', 'max_length']]);
    });

    it('allows 500 characters of address and 100 of industry', () => {
      spec
        .given([])
        .when(register({ address: 'x'.repeat(500), industry: 'y'.repeat(100) }))
        .then((events) => expect(events).toHaveLength(1));
    });

    it('reports missing and mistyped fields', () => {
      const command = register();
      command.data = { uscc: 914403001922038216, jurisdiction: 440307 } as unknown as RegisterEnterpriseData;
      expect(rulesOf(fieldErrors([], command))).toEqual([
        ['uscc', 'type'],
        ['name', 'required'],
        ['jurisdiction', 'type'],
        ['address', 'required'],
        ['industry', 'required'],
      ]);
    });

    it('reports an unreadable clock', () => {
      expect(rulesOf(fieldErrors([], register({}, admin, 'yesterday')))).toEqual([['metadata.now', 'datetime']]);
    });
  });

  describe('RenameEnterprise', () => {
    const expected = (who: Actor) => {
      spec
        .given([registered])
        .when(rename({}, who))
        .then([renamed('华为技术有限公司', '华为终端技术有限公司', '2025-05-20')]);
    };

    it('lets a covering supervisor rename', () => expected(shenzhenSupervisor));
    it('lets a district supervisor rename', () => expected(districtSupervisor));
    it('lets the admin rename', () => expected(admin));

    it('refuses a supervisor outside the enterprise jurisdiction', () => {
      spec.given([registered]).when(rename({}, guangzhouSupervisor)).thenThrows('ENTERPRISE.FORBIDDEN');
    });

    it('uses the registered jurisdiction, not the USCC division code, for the supervisor check', () => {
      const moved: EnterpriseRegistered = { ...registered, data: { ...registered.data, jurisdiction: '440106' } };
      spec
        .given([moved])
        .when(rename({}, guangzhouSupervisor))
        .then((events) => expect(events[0].data).toMatchObject({ jurisdiction: '440106' }));
      spec.given([moved]).when(rename({}, shenzhenSupervisor)).thenThrows('ENTERPRISE.FORBIDDEN');
    });

    it('refuses the enterprise itself: renames come from the registration authority', () => {
      spec.given([registered]).when(rename({}, huaweiUser)).thenThrows('ENTERPRISE.FORBIDDEN');
    });

    it.each(refusedRoles.map((a) => [a.role, a] as const))('refuses the %s role', (_, who) => {
      spec.given([registered]).when(rename({}, who)).thenThrows('ENTERPRISE.FORBIDDEN');
    });

    it('refuses to rename an unknown enterprise', () => {
      const error = spec.given([]).when(rename({}, admin)).thenThrows('ENTERPRISE.NOT_FOUND');
      expect(error.kind).toBe('not_found');
      spec.given([]).when(rename({}, guangzhouSupervisor)).thenThrows('ENTERPRISE.NOT_FOUND');
    });

    it('refuses to rename a deregistered enterprise', () => {
      const error = spec.given([registered, deregistered]).when(rename()).thenThrows('ENTERPRISE.DEREGISTERED');
      expect(error.kind).toBe('rule');
    });

    it('refuses a rename to the same name, compared after normalisation', () => {
      const error = spec
        .given([registered])
        .when(rename({ newName: '  华为技术有限公司 ' }))
        .thenThrows('ENTERPRISE.SAME_NAME');
      expect(error.kind).toBe('rule');
    });

    it('normalises the new name and the USCC', () => {
      spec
        .given([registered])
        .when(rename({ uscc: ` ${HUAWEI} `, newName: ' 华为  终端 有限公司 ' }))
        .then((events) => expect(events[0].data).toMatchObject({ uscc: HUAWEI, newName: '华为 终端 有限公司' }));
    });

    it('accepts an effective date from the registration day up to today, China time', () => {
      spec
        .given([registered])
        .when(rename({ effectiveDate: '2025-01-15' }))
        .then((events) => expect(events).toHaveLength(1));
      spec
        .given([registered])
        .when(rename({ effectiveDate: TODAY }))
        .then((events) => expect(events).toHaveLength(1));
      spec
        .given([registered])
        .when(rename({ effectiveDate: '2025-06-01' }, shenzhenSupervisor, '2025-05-31T16:00:00Z'))
        .then((events) => expect(events).toHaveLength(1));
    });

    it.each([
      ['before registration', '2025-01-14', NOW],
      ['after today', '2025-06-02', NOW],
      ['after today in China time', '2025-06-01', '2025-05-31T15:59:59Z'],
    ])('refuses an effective date %s', (_, effectiveDate, now) => {
      const error = spec
        .given([registered])
        .when(rename({ effectiveDate }, shenzhenSupervisor, now))
        .thenThrows('ENTERPRISE.EFFECTIVE_DATE_OUT_OF_RANGE');
      expect(error.kind).toBe('rule');
    });

    it('refuses an effective date before the latest rename, keeping the name history ordered', () => {
      const history = [registered, renamed('华为技术有限公司', '华为甲有限公司', '2025-03-01')];
      spec
        .given(history)
        .when(rename({ newName: '华为乙有限公司', effectiveDate: '2025-02-28' }))
        .thenThrows('ENTERPRISE.EFFECTIVE_DATE_OUT_OF_RANGE');
      spec
        .given(history)
        .when(rename({ newName: '华为乙有限公司', effectiveDate: '2025-03-01' }))
        .then([renamed('华为甲有限公司', '华为乙有限公司', '2025-03-01')]);
    });

    it('lists every failing field at once', () => {
      expect(rulesOf(fieldErrors([registered], rename({ uscc: 'ABC', newName: ' ', effectiveDate: '2025-02-29' })))).toEqual([
        ['uscc', 'uscc_format'],
        ['newName', 'required'],
        ['effectiveDate', 'date'],
      ]);
    });

    it.each(['2025-6-1', '2025-13-01', '2025-04-31', '2025-00-10', '0000-01-01', '2025-06-01T00:00:00Z', ''])(
      'rejects the effective date %j',
      (effectiveDate) => {
        expect(rulesOf(fieldErrors([registered], rename({ effectiveDate })))).toEqual([['effectiveDate', 'date']]);
      },
    );

    it('accepts 29 February of a leap year', () => {
      const now = '2024-03-10T00:00:00Z';
      const early: EnterpriseRegistered = { ...registered, data: { ...registered.data, registeredOn: '2024-01-01' } };
      spec
        .given([early])
        .when(rename({ effectiveDate: '2024-02-29' }, shenzhenSupervisor, now))
        .then((events) => expect(events).toHaveLength(1));
    });
  });

  describe('DeregisterEnterprise', () => {
    const event = (who: Actor) =>
      spec
        .given([registered])
        .when(deregister({}, who))
        .then([{ type: 'EnterpriseDeregistered', data: { uscc: HUAWEI, effectiveDate: '2025-05-30', reason: '经营期限届满' } }]);

    it('lets the enterprise deregister itself', () => event(huaweiUser));
    it('lets a covering supervisor deregister', () => event(guangdongSupervisor));
    it('lets the admin deregister', () => event(admin));

    it('refuses a supervisor outside the enterprise jurisdiction', () => {
      spec.given([registered]).when(deregister({}, guangzhouSupervisor)).thenThrows('ENTERPRISE.FORBIDDEN');
    });

    it('refuses an enterprise deregistering another one, known or not', () => {
      spec.given([registered]).when(deregister({}, otherEnterpriseUser)).thenThrows('ENTERPRISE.FORBIDDEN');
      spec.given([]).when(deregister({}, otherEnterpriseUser)).thenThrows('ENTERPRISE.FORBIDDEN');
    });

    it.each(refusedRoles.map((a) => [a.role, a] as const))('refuses the %s role', (_, who) => {
      spec.given([registered]).when(deregister({}, who)).thenThrows('ENTERPRISE.FORBIDDEN');
    });

    it('refuses to deregister an unknown enterprise', () => {
      spec.given([]).when(deregister()).thenThrows('ENTERPRISE.NOT_FOUND');
    });

    it('refuses to deregister twice', () => {
      spec.given([registered, deregistered]).when(deregister()).thenThrows('ENTERPRISE.DEREGISTERED');
    });

    it.each([
      ['before registration', '2025-01-14'],
      ['after today', '2025-06-02'],
    ])('refuses an effective date %s', (_, effectiveDate) => {
      spec.given([registered]).when(deregister({ effectiveDate })).thenThrows('ENTERPRISE.EFFECTIVE_DATE_OUT_OF_RANGE');
    });

    it('refuses an effective date before the latest rename', () => {
      spec
        .given([registered, renamed('华为技术有限公司', '华为甲有限公司', '2025-04-01')])
        .when(deregister({ effectiveDate: '2025-03-31' }))
        .thenThrows('ENTERPRISE.EFFECTIVE_DATE_OUT_OF_RANGE');
    });

    it('normalises the reason and allows 1000 characters', () => {
      spec
        .given([registered])
        .when(deregister({ reason: `  ${'因'.repeat(998)}   由 ` }))
        .then((events) => expect(events[0].data).toMatchObject({ reason: `${'因'.repeat(998)} 由` }));
      spec
        .given([registered])
        .when(deregister({ reason: '理'.repeat(1000) }))
        .then((events) => expect(events).toHaveLength(1));
    });

    it('lists every failing field at once', () => {
      expect(rulesOf(fieldErrors([registered], deregister({ uscc: 'I14403001922038216', effectiveDate: '2025/05/30', reason: '理'.repeat(1001) })))).toEqual([
        ['uscc', 'uscc_format'],
        ['effectiveDate', 'date'],
        ['reason', 'max_length'],
      ]);
    });
  });

  describe('evolve', () => {
    it('starts with no enterprise', () => {
      expect(enterpriseDecider.initialState()).toEqual({
        status: 'none',
        uscc: null,
        name: null,
        formerNames: [],
        jurisdiction: null,
        registeredOn: null,
        deregisteredOn: null,
      });
    });

    it('keeps the name history and the deregistration date', () => {
      const events: EnterpriseEvent[] = [
        registered,
        renamed('华为技术有限公司', '华为甲有限公司', '2025-03-01'),
        renamed('华为甲有限公司', '华为乙有限公司', '2025-04-01'),
        { type: 'EnterpriseDeregistered', data: { uscc: HUAWEI, effectiveDate: '2025-05-01', reason: '' } },
      ];
      expect(fold(enterpriseDecider, events)).toEqual({
        status: 'deregistered',
        uscc: HUAWEI,
        name: '华为乙有限公司',
        formerNames: [
          { name: '华为技术有限公司', until: '2025-03-01' },
          { name: '华为甲有限公司', until: '2025-04-01' },
        ],
        jurisdiction: '440307',
        registeredOn: '2025-01-15',
        deregisteredOn: '2025-05-01',
      });
    });

    it('does not change the state it is given', () => {
      const state = fold(enterpriseDecider, [registered]);
      const snapshot = structuredClone(state);
      enterpriseDecider.evolve(state, renamed('华为技术有限公司', '华为甲有限公司', '2025-03-01'));
      enterpriseDecider.evolve(state, deregistered);
      expect(state).toEqual(snapshot);
      expect(enterpriseDecider.initialState().formerNames).toEqual([]);
    });

    it('ignores event types it does not know', () => {
      const state = fold(enterpriseDecider, [registered]);
      expect(enterpriseDecider.evolve(state, { type: 'EnterpriseMoved', data: {} } as unknown as EnterpriseEvent)).toBe(state);
    });
  });

  it('refuses a command type it does not know', () => {
    const command = { type: 'MergeEnterprise', data: {}, metadata: metadata(admin) } as unknown as RegisterEnterprise;
    spec.given([]).when(command).thenThrows('ENTERPRISE.UNKNOWN_COMMAND');
  });
});

describe('enterprise access policy', () => {
  const target = { uscc: HUAWEI, jurisdiction: '440307' };

  it('answers for guards and user interfaces', () => {
    expect(mayActOnEnterprise(admin, 'rename', target)).toBe(true);
    expect(mayActOnEnterprise(shenzhenSupervisor, 'rename', target)).toBe(true);
    expect(mayActOnEnterprise(guangzhouSupervisor, 'rename', target)).toBe(false);
    expect(mayActOnEnterprise(huaweiUser, 'deregister', target)).toBe(true);
    expect(mayActOnEnterprise(huaweiUser, 'rename', target)).toBe(false);
    expect(mayActOnEnterprise(otherEnterpriseUser, 'register', target)).toBe(false);
    for (const who of refusedRoles) expect(mayActOnEnterprise(who, 'register', target)).toBe(false);
  });
});

describe('enterprise contracts', () => {
  it('names one stream per canonical USCC', () => {
    expect(enterpriseStreamId(HUAWEI)).toBe('enterprise-914403001922038216');
    expect(enterpriseStreamId(' 91350100m000100y43 ')).toBe('enterprise-91350100M000100Y43');
  });

  it('lists the event types', () => {
    expect(ENTERPRISE_EVENT_TYPES).toEqual(['EnterpriseRegistered', 'EnterpriseRenamed', 'EnterpriseDeregistered']);
  });

  it('recognises enterprise events, also inside recorded envelopes', () => {
    const recorded: { type: string; data: unknown; streamId: string } = { ...renamed('甲', '乙', '2025-03-01'), streamId: 'enterprise-x' };
    expect(isEnterpriseRenamed(recorded)).toBe(true);
    if (isEnterpriseRenamed(recorded)) expect(recorded.data.newName).toBe('乙');
    expect(isEnterpriseRenamed(registered)).toBe(false);
    expect(isEnterpriseRegistered(registered)).toBe(true);
    expect(isEnterpriseDeregistered(deregistered)).toBe(true);
    expect(isEnterpriseEvent(deregistered)).toBe(true);
    expect(isEnterpriseEvent({ type: 'DeclarationPublished' })).toBe(false);
  });
});
