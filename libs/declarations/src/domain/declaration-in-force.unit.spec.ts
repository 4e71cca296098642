import { describe, expect, it } from '@jest/globals';
import { declarationsInForceFor } from '../contracts/index.js';
import type { DeclarationEvent } from './declaration.events.js';
import type { DeclarationContent, Indicator } from './declaration.types.js';

const HUAWEI = '914403001922038216';
const D1 = `${HUAWEI}-0197a000-0000-7000-8000-000000000001`;
const D2 = `${HUAWEI}-0197a000-0000-7000-8000-000000000002`;
const PURIFIER = { name: '空气净化器', model: 'KJ500G-A1' };

const indicator = (value: string): Indicator => ({ name: '洁净空气量', type: 'performance', value, unit: 'm³/h', testMethod: 'GB/T 18801-2022 附录B' });

const content = (number: string, value: string, model = PURIFIER.model): DeclarationContent => ({
  standard: { kind: 'enterprise', number, title: '空气净化器企业标准', mandatory: false, issuedOn: '2025-01-01' },
  products: [{ name: PURIFIER.name, model, category: 'air_purifier' }],
  indicators: [indicator(value)],
  fullTextDisclosed: false,
  firstSaleOn: null,
  belowRecommended: { flagged: false, referenceStandard: null, explanation: null },
});

const declared = (id: string, c: DeclarationContent, on: string): DeclarationEvent => ({
  type: 'StandardDeclared',
  data: { declarationId: id, uscc: HUAWEI, enterpriseName: '华为技术有限公司', jurisdiction: '440307', version: 1, content: c, effectiveFrom: on, declaredOn: on },
});
const revised = (id: string, version: number, c: DeclarationContent, from: string): DeclarationEvent => ({
  type: 'DeclarationRevised',
  data: { declarationId: id, uscc: HUAWEI, version, enterpriseName: '华为技术有限公司', content: c, effectiveFrom: from },
});
const abolished = (id: string, version: number, on: string): DeclarationEvent => ({ type: 'DeclarationAbolished', data: { declarationId: id, uscc: HUAWEI, version, effectiveDate: on } });

describe('declarationsInForceFor: the declaration version in force for a product on its production date (domain.md §3)', () => {
  const history = [
    declared(D1, content('Q/HW 001-2025', '≥500'), '2025-01-10'),
    revised(D1, 2, content('Q/HW 001-2025', '≥600'), '2025-06-01'),
    abolished(D1, 2, '2025-12-01'),
  ];

  it('before the first declaration nothing was in force', () => {
    expect(declarationsInForceFor(history, PURIFIER, '2025-01-09')).toEqual([]);
  });

  it('version 1 from its declaration day until the revision took effect, with its period', () => {
    expect(declarationsInForceFor(history, PURIFIER, '2025-01-10')).toEqual([
      {
        declarationId: D1,
        uscc: HUAWEI,
        version: 1,
        standard: content('Q/HW 001-2025', '≥500').standard,
        indicators: [indicator('≥500')],
        effectiveFrom: '2025-01-10',
        effectiveTo: '2025-06-01',
      },
    ]);
    expect(declarationsInForceFor(history, PURIFIER, '2025-05-31').map((d) => d.version)).toEqual([1]);
  });

  it('version 2 from its effective date until the abolition', () => {
    const [v2] = declarationsInForceFor(history, PURIFIER, '2025-06-01');
    expect(v2).toMatchObject({ version: 2, indicators: [indicator('≥600')], effectiveFrom: '2025-06-01', effectiveTo: '2025-12-01' });
    expect(declarationsInForceFor(history, PURIFIER, '2025-11-30').map((d) => d.version)).toEqual([2]);
  });

  it('nothing from the abolition on', () => {
    expect(declarationsInForceFor(history, PURIFIER, '2025-12-01')).toEqual([]);
  });

  it('only versions covering the product: name and model, compared ignoring case, width and spacing', () => {
    expect(declarationsInForceFor(history, { name: '空气净化器', model: 'OTHER' }, '2025-03-01')).toEqual([]);
    expect(declarationsInForceFor(history, { name: ' 空气净化器 ', model: 'ｋｊ500g-a1' }, '2025-03-01').map((d) => d.version)).toEqual([1]);
  });

  it('a product covered by a version only: the revision that drops it ends its coverage', () => {
    const dropped = [declared(D1, content('Q/HW 001-2025', '≥500'), '2025-01-10'), revised(D1, 2, content('Q/HW 001-2025', '≥600', 'KJ600'), '2025-06-01')];
    expect(declarationsInForceFor(dropped, PURIFIER, '2025-03-01').map((d) => d.version)).toEqual([1]);
    expect(declarationsInForceFor(dropped, PURIFIER, '2025-07-01')).toEqual([]);
  });

  it('several standards at once, in the order declared; events of other types are ignored', () => {
    const both = [
      declared(D1, content('Q/HW 001-2025', '≥500'), '2025-01-10'),
      { type: 'EnterpriseRenamed', data: {} },
      declared(D2, content('GB/T 18801-2022', '≥450'), '2025-02-01'),
    ];
    expect(declarationsInForceFor(both, PURIFIER, '2025-03-01').map((d) => [d.declarationId, d.standard.number, d.effectiveTo])).toEqual([
      [D1, 'Q/HW 001-2025', null],
      [D2, 'GB/T 18801-2022', null],
    ]);
  });
});
