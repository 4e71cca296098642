import { describe, expect, it } from '@jest/globals';
import { ValidationError } from '@regledger/shared';
import type { Actor, CommandMetadata, Role } from '@regledger/shared';
import { DeciderSpec } from '@regledger/shared/testing';
import { inspectorDecider } from './inspector.decider.js';
import type { InspectorCommand, RegisterInspectorData } from './inspector.commands.js';
import type { InspectorEvent, InspectorRegistered } from './inspector.events.js';
import { inspectorStreamId } from './inspector.events.js';

// 2026-03-16 10:00 in China.
const NOW = '2026-03-16T02:00:00Z';
const TODAY = '2026-03-16';
const HUAWEI = '914403001922038216';
const OTHER = '91350100M000100Y43';

const actor = (role: Role, jurisdiction: string): Actor => ({ id: `user-${role}-${jurisdiction}`, role, jurisdiction });
const guangzhou = actor('supervisor', '440100');
const province = actor('supervisor', '440000');
const shenzhen = actor('supervisor', '440300');
const admin = actor('admin', '000000');
const metadata = (who: Actor): CommandMetadata => ({ now: NOW, actor: who, correlationId: 'c-1' });

const registerData: RegisterInspectorData = { inspectorId: 'GZ-001', name: '李明', jurisdiction: '440106', qualifications: ['product_quality', 'enforcement_certificate'] };
const register = (data: Partial<RegisterInspectorData> = {}, who: Actor = guangzhou): InspectorCommand => ({ type: 'RegisterInspector', data: { ...registerData, ...data }, metadata: metadata(who) });
const cmd = (type: InspectorCommand['type'], data: Record<string, unknown>, who: Actor = guangzhou): InspectorCommand =>
  ({ type, data: { inspectorId: 'GZ-001', ...data }, metadata: metadata(who) }) as InspectorCommand;

const registered: InspectorRegistered = {
  type: 'InspectorRegistered',
  data: { inspectorId: 'GZ-001', name: '李明', jurisdiction: '440106', qualifications: ['enforcement_certificate', 'product_quality'], conflicts: [], registeredOn: '2026-01-05' },
};
const deactivated: InspectorEvent = { type: 'InspectorDeactivated', data: { inspectorId: 'GZ-001', reason: '调岗', deactivatedOn: '2026-02-01' } };
const conflictDeclared: InspectorEvent = { type: 'InspectorConflictDeclared', data: { inspectorId: 'GZ-001', uscc: HUAWEI, declaredOn: '2026-02-01' } };

const spec = DeciderSpec.for(inspectorDecider);

describe('inspector decider', () => {
  it('names one stream per inspector', () => {
    expect(inspectorStreamId('GZ-001')).toBe('inspector-GZ-001');
  });

  describe('register (SAMR 2019 No. 38: the authority keeps an inspector pool)', () => {
    it('a supervisor covering the jurisdiction registers: qualifications and conflicts as sorted sets', () => {
      spec
        .given([])
        .when(register({ qualifications: ['product_quality', 'enforcement_certificate', 'product_quality'], conflicts: [OTHER, HUAWEI.toLowerCase()] }))
        .then([{ type: 'InspectorRegistered', data: { ...registered.data, conflicts: [OTHER, HUAWEI], registeredOn: TODAY } }]);
    });

    it('admin registers anywhere', () => {
      spec.given([]).when(register({}, admin)).then((events) => expect(events).toHaveLength(1));
    });

    it.each([
      ['a supervisor of another city', shenzhen],
      ['an inspector', actor('inspector', '440100')],
      ['an analyst', actor('analyst', '000000')],
      ['the public', actor('public', '000000')],
    ])('refuses %s: INSPECTOR.FORBIDDEN', (_label, who) => {
      spec.given([]).when(register({}, who)).thenThrows('INSPECTOR.FORBIDDEN');
    });

    it('registers an id once: INSPECTOR.ALREADY_REGISTERED', () => {
      spec.given([registered]).when(register()).thenThrows('INSPECTOR.ALREADY_REGISTERED');
    });

    it('names every failing field', () => {
      const error = spec
        .given([])
        .when(register({ inspectorId: 'bad id', name: ' ', jurisdiction: '4401', qualifications: 'x' as unknown as string[], conflicts: ['91350100M000100Y4Z'] }))
        .thenThrows('INSPECTOR.VALIDATION_FAILED') as ValidationError;
      expect(error.errors.map((e) => e.field).sort()).toEqual(['conflicts[0]', 'inspectorId', 'jurisdiction', 'name', 'qualifications']);
    });
  });

  describe('qualifications', () => {
    it('replaces the set and records the previous one', () => {
      spec
        .given([registered])
        .when(cmd('UpdateInspectorQualifications', { qualifications: ['sampling'] }))
        .then([{ type: 'InspectorQualificationsUpdated', data: { inspectorId: 'GZ-001', qualifications: ['sampling'], previous: ['enforcement_certificate', 'product_quality'], updatedOn: TODAY } }]);
    });

    it('refuses an update that changes nothing: INSPECTOR.QUALIFICATIONS_UNCHANGED', () => {
      spec.given([registered]).when(cmd('UpdateInspectorQualifications', { qualifications: ['product_quality', 'enforcement_certificate'] })).thenThrows('INSPECTOR.QUALIFICATIONS_UNCHANGED');
    });

    it('refuses an unknown inspector: INSPECTOR.NOT_FOUND', () => {
      spec.given([]).when(cmd('UpdateInspectorQualifications', { qualifications: ['x'] })).thenThrows('INSPECTOR.NOT_FOUND');
    });

    it('refuses a supervisor of another city', () => {
      spec.given([registered]).when(cmd('UpdateInspectorQualifications', { qualifications: ['x'] }, shenzhen)).thenThrows('INSPECTOR.FORBIDDEN');
    });
  });

  describe('conflicts of interest (Administrative Penalty Law art. 43)', () => {
    it('declares a conflict with a normalised USCC', () => {
      spec.given([registered]).when(cmd('DeclareInspectorConflict', { uscc: ` ${HUAWEI.toLowerCase()} ` }, province)).then([conflictDeclared].map((e) => ({ ...e, data: { ...e.data, declaredOn: TODAY } })) as InspectorEvent[]);
    });

    it('declares a conflict once: INSPECTOR.CONFLICT_ALREADY_DECLARED', () => {
      spec.given([registered, conflictDeclared]).when(cmd('DeclareInspectorConflict', { uscc: HUAWEI })).thenThrows('INSPECTOR.CONFLICT_ALREADY_DECLARED');
    });

    it('refuses an invalid USCC', () => {
      spec.given([registered]).when(cmd('DeclareInspectorConflict', { uscc: '91350100M000100Y4Z' })).thenThrows('INSPECTOR.VALIDATION_FAILED');
    });

    it('withdraws a declared conflict', () => {
      spec
        .given([registered, conflictDeclared])
        .when(cmd('WithdrawInspectorConflict', { uscc: HUAWEI }))
        .then([{ type: 'InspectorConflictWithdrawn', data: { inspectorId: 'GZ-001', uscc: HUAWEI, withdrawnOn: TODAY } }]);
    });

    it('withdraws only a declared conflict: INSPECTOR.CONFLICT_NOT_DECLARED', () => {
      spec.given([registered]).when(cmd('WithdrawInspectorConflict', { uscc: HUAWEI })).thenThrows('INSPECTOR.CONFLICT_NOT_DECLARED');
    });
  });

  describe('deactivate and reactivate', () => {
    it('deactivates with a reason', () => {
      spec.given([registered]).when(cmd('DeactivateInspector', { reason: '调岗' })).then([{ ...deactivated, data: { ...deactivated.data, deactivatedOn: TODAY } } as InspectorEvent]);
    });

    it('needs a reason', () => {
      spec.given([registered]).when(cmd('DeactivateInspector', { reason: '' })).thenThrows('INSPECTOR.VALIDATION_FAILED');
    });

    it('refuses to deactivate twice: INSPECTOR.ALREADY_INACTIVE', () => {
      spec.given([registered, deactivated]).when(cmd('DeactivateInspector', { reason: 'again' })).thenThrows('INSPECTOR.ALREADY_INACTIVE');
    });

    it('reactivates an inactive inspector', () => {
      spec.given([registered, deactivated]).when(cmd('ReactivateInspector', {})).then([{ type: 'InspectorReactivated', data: { inspectorId: 'GZ-001', reactivatedOn: TODAY } }]);
    });

    it('refuses to reactivate an active inspector: INSPECTOR.ALREADY_ACTIVE', () => {
      spec.given([registered]).when(cmd('ReactivateInspector', {})).thenThrows('INSPECTOR.ALREADY_ACTIVE');
    });
  });

  it('evolves conflicts as a set and status through deactivation', () => {
    const state = [registered, conflictDeclared, deactivated].reduce((s, e) => inspectorDecider.evolve(s, e), inspectorDecider.initialState());
    expect(state).toMatchObject({ status: 'inactive', conflicts: [HUAWEI], deactivationReason: '调岗' });
  });
});
