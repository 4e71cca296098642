import { describe, expect, it } from '@jest/globals';
import { ValidationError, fold } from '@regledger/shared';
import type { Actor, CommandMetadata, FieldError, Role } from '@regledger/shared';
import { DeciderSpec } from '@regledger/shared/testing';
import {
  DECLARATION_EVENT_TYPES,
  declarationsStreamId,
  isDeclarationEvent,
  isDeclarationMarkedLate,
  isRedeclarationOverdue,
} from '../contracts/index.js';
import { DECLARATION_ACTION_ROLES, mayActOnDeclarations } from './declaration-access.policy.js';
import type {
  AbolishDeclaration,
  AbolishDeclarationData,
  ConfirmDeclaration,
  DeclarationCommand,
  DeclareStandard,
  DeclareStandardData,
  RecordRedeclarationOverdue,
  RedeclareStandard,
  RequireRedeclaration,
  RequireRedeclarationData,
  ReviseDeclaration,
  ReviseDeclarationData,
} from './declaration.commands.js';
import { declarationDecider } from './declaration.decider.js';
import type {
  DeclarationAbolished,
  DeclarationConfirmed,
  DeclarationEvent,
  DeclarationMarkedLate,
  DeclarationRedeclared,
  DeclarationRevised,
  LateReason,
  RedeclarationOverdue,
  RedeclarationRequired,
  StandardDeclared,
} from './declaration.events.js';
import { addDays, daysBetween, versionInForceOn } from './declaration.rules.js';
import { DEFAULT_DECLARATION_POLICY } from './declaration.types.js';
import type { DeclarationContent, DeclarationPolicy, EnterpriseFacts, Indicator } from './declaration.types.js';
import { CATEGORY_LABELS_ZH, KEY_CATEGORIES, PRODUCT_CATEGORIES, isProductCategory } from './product-category.js';

// 2025-06-01 10:00 in China.
const NOW = '2025-06-01T02:00:00Z';
const TODAY = '2025-06-01';

const HUAWEI = '914403001922038216';
const OTHER = '91350100M000100Y43';
const NAME = '华为技术有限公司';
const NEW_NAME = '华为终端技术有限公司';
const ID = `${HUAWEI}-0197a000-0000-7000-8000-000000000001`;
const ID2 = `${HUAWEI}-0197a000-0000-7000-8000-000000000002`;
const ID3 = `${HUAWEI}-0197a000-0000-7000-8000-000000000003`;

const actor = (role: Role, jurisdiction: string, uscc?: string): Actor => ({ id: `user-${role}-${jurisdiction}`, role, jurisdiction, uscc });

const admin = actor('admin', '000000');
const system = actor('system', '000000');
const shenzhenSupervisor = actor('supervisor', '440300');
const guangdongSupervisor = actor('supervisor', '440000');
const nationalSupervisor = actor('supervisor', '000000');
const districtSupervisor = actor('supervisor', '440307');
const guangzhouSupervisor = actor('supervisor', '440100');
const huaweiUser = actor('enterprise', '440307', HUAWEI);
const otherEnterpriseUser = actor('enterprise', '440307', OTHER);
const refusedRoles: Actor[] = [
  actor('public', '440300'),
  actor('complaint_handler', '440300'),
  actor('inspector', '440300'),
  actor('analyst', '000000'),
  system,
];

const metadata = (who: Actor, now = NOW): CommandMetadata => ({ now, actor: who, correlationId: 'corr-1' });

const registeredFacts: EnterpriseFacts = { status: 'registered', name: NAME, jurisdiction: '440307' };
const renamedFacts: EnterpriseFacts = { ...registeredFacts, name: NEW_NAME };
const policy: DeclarationPolicy = { ...DEFAULT_DECLARATION_POLICY };

const indicator = (over: Partial<Indicator> = {}): Indicator => ({
  name: '洁净空气量',
  type: 'performance',
  value: '≥500',
  unit: 'm³/h',
  testMethod: 'GB/T 18801-2022 附录B',
  ...over,
});

/** An enterprise standard issued twelve days ago, for a product not yet sold: in time. */
const content: DeclarationContent = {
  standard: { kind: 'enterprise', number: 'Q/HW 0001-2025', title: '空气净化器企业标准', mandatory: false, issuedOn: '2025-05-20' },
  products: [{ name: '空气净化器', model: 'KJ500F-A1', category: 'air_purifier' }],
  indicators: [indicator(), indicator({ name: '待机功率', type: 'functional', value: '≤2.0', unit: 'W', testMethod: 'GB/T 18801-2022 附录F' })],
  fullTextDisclosed: false,
  firstSaleOn: '2025-07-01',
  belowRecommended: { flagged: false, referenceStandard: null, explanation: null },
};

/** A national recommended standard issued long ago: its age does not make a declaration late. */
const nationalContent: DeclarationContent = {
  standard: { kind: 'national', number: 'GB/T 18801-2022', title: '空气净化器', mandatory: false, issuedOn: '2022-12-30' },
  products: [{ name: '空气净化器', model: 'KJ300', category: 'air_purifier' }],
  indicators: [],
  fullTextDisclosed: true,
  firstSaleOn: null,
  belowRecommended: { flagged: false, referenceStandard: null, explanation: null },
};

const withStandard = (over: Partial<DeclarationContent['standard']>, base: DeclarationContent = content): DeclarationContent => ({
  ...base,
  standard: { ...base.standard, ...over },
});

const declare = (data: Partial<DeclareStandardData> = {}, who: Actor = huaweiUser, now = NOW): DeclareStandard => ({
  type: 'DeclareStandard',
  data: { declarationId: ID, uscc: HUAWEI, content, enterprise: registeredFacts, policy, ...data },
  metadata: metadata(who, now),
});

const revise = (data: Partial<ReviseDeclarationData> = {}, who: Actor = huaweiUser, now = NOW): ReviseDeclaration => ({
  type: 'ReviseDeclaration',
  data: {
    declarationId: ID,
    uscc: HUAWEI,
    content: withStandard({ number: 'Q/HW 0001-2025', title: '空气净化器企业标准（修订）' }),
    effectiveFrom: '2025-06-10',
    enterprise: registeredFacts,
    policy,
    ...data,
  },
  metadata: metadata(who, now),
});

const confirm = (data: Partial<ConfirmDeclaration['data']> = {}, who: Actor = huaweiUser, now = NOW): ConfirmDeclaration => ({
  type: 'ConfirmDeclaration',
  data: { declarationId: ID, uscc: HUAWEI, enterprise: registeredFacts, ...data },
  metadata: metadata(who, now),
});

const abolish = (data: Partial<AbolishDeclarationData> = {}, who: Actor = huaweiUser, now = NOW): AbolishDeclaration => ({
  type: 'AbolishDeclaration',
  data: { declarationId: ID, uscc: HUAWEI, effectiveDate: '2025-06-01', enterprise: registeredFacts, ...data },
  metadata: metadata(who, now),
});

const redeclareCmd = (data: Partial<RedeclareStandard['data']> = {}, who: Actor = huaweiUser, now = NOW): RedeclareStandard => ({
  type: 'RedeclareStandard',
  data: { declarationId: ID, uscc: HUAWEI, enterprise: renamedFacts, ...data },
  metadata: metadata(who, now),
});

const requireRedeclaration = (data: Partial<RequireRedeclarationData> = {}, who: Actor = system, now = NOW): RequireRedeclaration => ({
  type: 'RequireRedeclaration',
  data: { uscc: HUAWEI, previousName: NAME, newName: NEW_NAME, renamedOn: '2025-05-20', sourceEventId: 'evt-rename-1', policy, ...data },
  metadata: metadata(who, now),
});

const recordOverdue = (data: Partial<RecordRedeclarationOverdue['data']> = {}, who: Actor = system, now = NOW): RecordRedeclarationOverdue => ({
  type: 'RecordRedeclarationOverdue',
  data: { declarationId: ID, uscc: HUAWEI, ...data },
  metadata: metadata(who, now),
});

// ---- recorded events ----

const declared = (id = ID, c: DeclarationContent = content, on = '2025-05-25', enterpriseName = NAME): StandardDeclared => ({
  type: 'StandardDeclared',
  data: { declarationId: id, uscc: HUAWEI, enterpriseName, jurisdiction: '440307', version: 1, content: c, effectiveFrom: on, declaredOn: on },
});

const revised = (version: number, effectiveFrom: string, c: DeclarationContent = content, id = ID, enterpriseName = NAME): DeclarationRevised => ({
  type: 'DeclarationRevised',
  data: { declarationId: id, uscc: HUAWEI, version, enterpriseName, content: c, effectiveFrom },
});

const abolished = (id = ID, version = 1, effectiveDate = '2025-05-30'): DeclarationAbolished => ({
  type: 'DeclarationAbolished',
  data: { declarationId: id, uscc: HUAWEI, version, effectiveDate },
});

const required = (declarationIds: string[], sourceEventId = 'evt-rename-1', deadline = '2025-06-19'): RedeclarationRequired => ({
  type: 'RedeclarationRequired',
  data: { uscc: HUAWEI, previousName: NAME, newName: NEW_NAME, renamedOn: '2025-05-20', deadline, declarationIds, sourceEventId },
});

const redeclared = (id = ID, version = 1, enterpriseName = NEW_NAME): DeclarationRedeclared => ({
  type: 'DeclarationRedeclared',
  data: { declarationId: id, uscc: HUAWEI, version, enterpriseName },
});

const overdue = (id = ID, deadline = '2025-06-19', recordedOn = '2025-06-20'): RedeclarationOverdue => ({
  type: 'RedeclarationOverdue',
  data: { declarationId: id, uscc: HUAWEI, deadline, recordedOn },
});

const spec = DeciderSpec.for(declarationDecider);

const fieldErrors = (given: DeclarationEvent[], command: DeclarationCommand): FieldError[] => {
  const error = spec.given(given).when(command).thenThrows('DECLARATION.VALIDATION_FAILED');
  expect(error).toBeInstanceOf(ValidationError);
  expect(error.kind).toBe('validation');
  return (error as ValidationError).errors;
};

const rulesOf = (errors: FieldError[]): Array<[string, string]> => errors.map((e) => [e.field, e.rule]);

const rulesFor = (c: unknown, given: DeclarationEvent[] = []): Array<[string, string]> =>
  rulesOf(fieldErrors(given, declare({ content: c as DeclarationContent })));

const lateOf = (events: DeclarationEvent[]): LateReason[] => {
  const late = events.filter((e): e is DeclarationMarkedLate => e.type === 'DeclarationMarkedLate');
  return late.length === 0 ? [] : late[0].data.reasons;
};

describe('declarationDecider', () => {
  describe('DeclareStandard', () => {
    it('declares version 1, in force from today in China time, under the enterprise name and jurisdiction', () => {
      spec
        .given([])
        .when(declare())
        .then([
          {
            type: 'StandardDeclared',
            data: {
              declarationId: ID,
              uscc: HUAWEI,
              enterpriseName: NAME,
              jurisdiction: '440307',
              version: 1,
              content,
              effectiveFrom: TODAY,
              declaredOn: TODAY,
            },
          },
        ]);
    });

    it('dates the declaration by the China calendar across UTC midnight', () => {
      spec
        .given([])
        .when(declare({}, huaweiUser, '2025-05-31T16:30:00Z'))
        .then((events) => expect(events[0].data).toMatchObject({ declaredOn: '2025-06-01', effectiveFrom: '2025-06-01' }));
      spec
        .given([])
        .when(declare({}, huaweiUser, '2025-05-31T15:59:59Z'))
        .then((events) => expect(events[0].data).toMatchObject({ declaredOn: '2025-05-31' }));
    });

    it('normalises the standard number, the text and the identifiers', () => {
      const messy = {
        standard: { kind: 'national', number: ' gb/t  18801—2022 ', title: '  空气 \t 净化器 ', mandatory: false, issuedOn: '2022-12-30' },
        products: [{ name: ' 空气净化器  ', model: '  KJ 300 ', category: ' air_purifier ' }],
        indicators: [{ name: ' 洁净空气量 ', type: 'performance', value: ' ≥ 300 ', unit: '  ', testMethod: ' GB/T 18801-2022 附录B ' }],
        fullTextDisclosed: true,
        firstSaleOn: null,
        belowRecommended: { flagged: true, referenceStandard: 'ｇｂ／ｔ１８８０１－２０２２', explanation: '  噪声指标 低于 推荐性标准 ' },
      };
      spec
        .given([])
        .when(declare({ declarationId: ` ${ID} `, uscc: ` ${HUAWEI.toLowerCase()} `, content: messy as unknown as DeclarationContent }))
        .then((events) => {
          expect(events).toHaveLength(1);
          expect(events[0].data).toMatchObject({
            declarationId: ID,
            uscc: HUAWEI,
            content: {
              standard: { kind: 'national', number: 'GB/T 18801-2022', title: '空气 净化器', mandatory: false, issuedOn: '2022-12-30' },
              products: [{ name: '空气净化器', model: 'KJ 300', category: 'air_purifier' }],
              indicators: [{ name: '洁净空气量', type: 'performance', value: '≥ 300', unit: null, testMethod: 'GB/T 18801-2022 附录B' }],
              fullTextDisclosed: true,
              firstSaleOn: null,
              belowRecommended: { flagged: true, referenceStandard: 'GB/T 18801-2022', explanation: '噪声指标 低于 推荐性标准' },
            },
          });
        });
    });

    it('takes absent indicators, first sale, model and below-recommended as empty', () => {
      const bare = { ...nationalContent, products: [{ name: '空气净化器', category: 'air_purifier' }] } as Record<string, unknown>;
      delete bare.indicators;
      delete bare.firstSaleOn;
      delete bare.belowRecommended;
      spec
        .given([])
        .when(declare({ content: bare as unknown as DeclarationContent }))
        .then((events) =>
          expect(events[0].data).toMatchObject({
            content: {
              products: [{ name: '空气净化器', model: '', category: 'air_purifier' }],
              indicators: [],
              firstSaleOn: null,
              belowRecommended: { flagged: false, referenceStandard: null, explanation: null },
            },
          }),
        );
    });

    it('stores the enterprise name normalised', () => {
      spec
        .given([])
        .when(declare({ enterprise: { status: 'registered', name: '  华为  技术有限公司 ', jurisdiction: ' 440307 ' } }))
        .then((events) => expect(events[0].data).toMatchObject({ enterpriseName: '华为 技术有限公司', jurisdiction: '440307' }));
    });

    it('accepts every kind of standard with a number of that kind', () => {
      const cases: Array<DeclarationContent['standard']> = [
        { kind: 'national', number: 'GB 4706.1-2005', title: '家用和类似用途电器的安全', mandatory: true, issuedOn: '2005-08-26' },
        { kind: 'industry', number: 'FZ/T 81014-2008', title: '婴幼儿服装', mandatory: false, issuedOn: '2008-04-23' },
        { kind: 'industry', number: 'DB/T 1234-2013', title: '地震行业标准', mandatory: false, issuedOn: '2013-01-01' },
        { kind: 'local', number: 'DB44/T 1234-2013', title: '广东地方标准', mandatory: false, issuedOn: '2013-01-01' },
        { kind: 'local', number: 'DB11/ 501-2017', title: '北京强制性地方标准', mandatory: true, issuedOn: '2017-01-01' },
        { kind: 'group', number: 'T/XZYC 0055-2024', title: '团体标准', mandatory: false, issuedOn: '2024-01-01' },
        { kind: 'enterprise', number: 'Q/YQJY 003-2016', title: '企业标准', mandatory: false, issuedOn: '2016-01-01' },
      ];
      for (const standard of cases) {
        spec
          .given([])
          .when(declare({ content: { ...content, standard } }))
          .then((events) => expect(events[0]).toMatchObject({ type: 'StandardDeclared', data: { content: { standard } } }));
      }
    });

    it.each([
      ['the enterprise itself', huaweiUser],
      ['the enterprise itself, whatever the case of its token', actor('enterprise', '110000', HUAWEI.toLowerCase())],
      ['the admin anywhere', admin],
      ['a district supervisor of the jurisdiction', districtSupervisor],
      ['a city supervisor covering it', shenzhenSupervisor],
      ['a province supervisor covering it', guangdongSupervisor],
      ['a national supervisor', nationalSupervisor],
    ])('lets %s declare', (_, who) => {
      spec
        .given([])
        .when(declare({}, who))
        .then((events) => expect(events[0].type).toBe('StandardDeclared'));
    });

    it('refuses a supervisor outside the jurisdiction', () => {
      const error = spec.given([]).when(declare({}, guangzhouSupervisor)).thenThrows('DECLARATION.FORBIDDEN');
      expect(error.kind).toBe('forbidden');
    });

    it('refuses a supervisor whose own jurisdiction is malformed', () => {
      spec
        .given([])
        .when(declare({}, actor('supervisor', '44')))
        .thenThrows('DECLARATION.FORBIDDEN');
    });

    it('refuses an enterprise declaring for another USCC, and one without a USCC', () => {
      spec.given([]).when(declare({}, otherEnterpriseUser)).thenThrows('DECLARATION.FORBIDDEN');
      spec
        .given([])
        .when(declare({}, actor('enterprise', '440307')))
        .thenThrows('DECLARATION.FORBIDDEN');
    });

    it.each(refusedRoles.map((a) => [a.role, a] as const))('refuses the %s role', (_, who) => {
      spec.given([]).when(declare({}, who)).thenThrows('DECLARATION.FORBIDDEN');
    });

    it('refuses a refused role before looking at the data', () => {
      spec
        .given([])
        .when(declare({ content: {} as DeclarationContent, uscc: '' }, actor('public', '440300')))
        .thenThrows('DECLARATION.FORBIDDEN');
    });

    it('refuses an enterprise that is not registered', () => {
      const none: EnterpriseFacts = { status: 'none', name: null, jurisdiction: null };
      const error = spec.given([]).when(declare({ enterprise: none })).thenThrows('DECLARATION.ENTERPRISE_NOT_REGISTERED');
      expect(error.kind).toBe('rule');
      spec.given([]).when(declare({ enterprise: none }, admin)).thenThrows('DECLARATION.ENTERPRISE_NOT_REGISTERED');
    });

    it('refuses a deregistered enterprise', () => {
      const gone: EnterpriseFacts = { ...registeredFacts, status: 'deregistered' };
      const error = spec.given([]).when(declare({ enterprise: gone })).thenThrows('DECLARATION.ENTERPRISE_DEREGISTERED');
      expect(error.kind).toBe('rule');
      spec.given([]).when(declare({ enterprise: gone }, shenzhenSupervisor)).thenThrows('DECLARATION.ENTERPRISE_DEREGISTERED');
      spec.given([]).when(declare({ enterprise: gone }, guangzhouSupervisor)).thenThrows('DECLARATION.FORBIDDEN');
    });

    it('refuses to reuse a declaration id, even an abolished one', () => {
      const error = spec
        .given([declared()])
        .when(declare({ content: nationalContent }))
        .thenThrows('DECLARATION.ALREADY_EXISTS');
      expect(error.kind).toBe('conflict');
      spec
        .given([declared(), abolished()])
        .when(declare({ content: nationalContent }))
        .thenThrows('DECLARATION.ALREADY_EXISTS');
    });

    describe('duplicates', () => {
      it('refuses the same standard for the same product, naming the existing declaration', () => {
        const error = spec.given([declared()]).when(declare({ declarationId: ID2 })).thenThrows('DECLARATION.DUPLICATE');
        expect(error.kind).toBe('conflict');
        expect(error.details).toMatchObject({
          existingDeclarationId: ID,
          standardNumber: 'Q/HW 0001-2025',
          product: { name: '空气净化器', model: 'KJ500F-A1' },
        });
      });

      it('compares numbers normalised and products trimmed, whitespace-collapsed and case-insensitive', () => {
        const variant = withStandard({ number: 'q/hw0001—2025' });
        variant.products = [
          { name: '吸尘器', model: 'X1', category: 'other' },
          { name: ' 空气净化器 ', model: 'kj500f-a1 ', category: 'air_purifier' },
        ];
        spec
          .given([declared()])
          .when(declare({ declarationId: ID2, content: variant }))
          .thenThrows('DECLARATION.DUPLICATE');
        const spaced = { ...nationalContent, products: [{ name: '空气  净化器', model: 'kj300', category: 'air_purifier' as const }] };
        spec
          .given([declared(ID, nationalContent)])
          .when(declare({ declarationId: ID2, content: { ...spaced, products: [{ ...spaced.products[0], name: '空气 净化器' }] } }))
          .then((events) => expect(events).toHaveLength(1));
        spec
          .given([declared(ID, { ...nationalContent, products: [{ name: '空气 净化器', model: 'KJ300', category: 'air_purifier' }] })])
          .when(declare({ declarationId: ID2, content: spaced }))
          .thenThrows('DECLARATION.DUPLICATE');
      });

      it('allows the same standard for another model and another standard for the same product', () => {
        spec
          .given([declared()])
          .when(declare({ declarationId: ID2, content: { ...content, products: [{ name: '空气净化器', model: 'KJ600', category: 'air_purifier' }] } }))
          .then((events) => expect(events[0].type).toBe('StandardDeclared'));
        spec
          .given([declared()])
          .when(declare({ declarationId: ID2, content: withStandard({ number: 'Q/HW 0002-2025' }) }))
          .then((events) => expect(events[0].type).toBe('StandardDeclared'));
      });

      it('does not count an abolished declaration', () => {
        spec
          .given([declared(), abolished()])
          .when(declare({ declarationId: ID2 }))
          .then((events) => expect(events[0].type).toBe('StandardDeclared'));
      });

      it('compares with the current version of a revised declaration', () => {
        const other = withStandard({ number: 'Q/HW 0009-2025' });
        spec
          .given([declared(), revised(2, '2025-05-28', other)])
          .when(declare({ declarationId: ID2 }))
          .then((events) => expect(events[0].type).toBe('StandardDeclared'));
        spec
          .given([declared(), revised(2, '2025-05-28', other)])
          .when(declare({ declarationId: ID2, content: other }))
          .thenThrows('DECLARATION.DUPLICATE');
      });
    });

    describe('validation', () => {
      it('lists every failing field at once, with paths', () => {
        const bad = {
          standard: { kind: 'local', number: 'DB/T 1234-2013', title: ' ', mandatory: true, issuedOn: '2025-06-02' },
          products: [
            { name: '', model: 'M'.repeat(201), category: 'phone' },
            { name: '手机', model: 'P1', category: 'smartphone' },
            { name: ' 手机 ', model: 'p1', category: 'smartphone' },
          ],
          indicators: [indicator(), indicator({ testMethod: null, unit: 'u'.repeat(51) }), indicator({ name: '', value: '', type: 'other' as Indicator['type'] })],
          fullTextDisclosed: 'yes',
          firstSaleOn: '2025-02-30',
          belowRecommended: { flagged: true, referenceStandard: 'Q/YQJY 003-2016', explanation: ' ' },
        };
        const errors = fieldErrors([], declare({ content: bad as unknown as DeclarationContent }));
        expect(rulesOf(errors)).toEqual([
          ['content.standard.number', 'standard_number_kind'],
          ['content.standard.title', 'required'],
          ['content.standard.mandatory', 'standard_nature'],
          ['content.standard.issuedOn', 'not_after_today'],
          ['content.products[0].name', 'required'],
          ['content.products[0].model', 'max_length'],
          ['content.products[0].category', 'product_category'],
          ['content.products[2]', 'duplicate_product'],
          ['content.indicators[1].unit', 'max_length'],
          ['content.indicators[1].testMethod', 'test_method_required'],
          ['content.indicators[2].name', 'required'],
          ['content.indicators[2].type', 'enum'],
          ['content.indicators[2].value', 'required'],
          ['content.fullTextDisclosed', 'type'],
          ['content.firstSaleOn', 'date'],
          ['content.belowRecommended.referenceStandard', 'reference_standard'],
          ['content.belowRecommended.explanation', 'explanation_required'],
        ]);
        for (const e of errors) expect(e.message).toEqual(expect.any(String));
      });

      it.each([
        ['an unparseable number', { number: 'GB/T 18801' }],
        ['a number of another kind', { number: 'GB/T 18801-2022' }],
        ['the earthquake DB/T declared as local', { kind: 'local', number: 'DB/T 1234-2013' }],
        ['a local DB44/T declared as industry', { kind: 'industry', number: 'DB44/T 1234-2013' }],
        ['a year out of range', { number: 'Q/HW 0001-1949' }],
      ])('rejects %s with rule standard_number_kind', (_, over) => {
        expect(rulesFor(withStandard(over as Partial<DeclarationContent['standard']>))).toEqual([
          ['content.standard.number', 'standard_number_kind'],
        ]);
      });

      it.each([
        ['GB 4706.1-2005', 'national', false],
        ['GB/T 4706.1-2024', 'national', true],
        ['GB/Z 1234-2020', 'national', true],
        ['DB11/ 501-2017', 'local', false],
        ['DB44/T 1234-2013', 'local', true],
        ['T/PCA 004-2023', 'group', true],
        ['Q/YQJY 003-2016', 'enterprise', true],
      ])('rejects %s (%s) declared with mandatory %s: rule standard_nature', (number, kind, mandatory) => {
        const c = withStandard({ number, kind: kind as DeclarationContent['standard']['kind'], mandatory });
        expect(rulesFor(c)).toEqual([['content.standard.mandatory', 'standard_nature']]);
      });

      it('rejects an unknown kind without a second error on the number', () => {
        expect(rulesFor(withStandard({ kind: 'foreign' as DeclarationContent['standard']['kind'] }))).toEqual([['content.standard.kind', 'enum']]);
      });

      it('counts the title in characters: 200 pass, 201 fail', () => {
        spec
          .given([])
          .when(declare({ content: withStandard({ title: '标'.repeat(200) }) }))
          .then((events) => expect(events[0].type).toBe('StandardDeclared'));
        expect(rulesFor(withStandard({ title: '标'.repeat(201) }))).toEqual([['content.standard.title', 'max_length']]);
      });

      it.each(['2025-6-1', '2025-02-29', '2025-13-01', '', '2025-06-01T00:00:00Z'])('rejects the issue date %j', (issuedOn) => {
        expect(rulesFor(withStandard({ issuedOn }))).toEqual([['content.standard.issuedOn', 'date']]);
      });

      it('accepts an issue date of today in China time and refuses tomorrow', () => {
        spec
          .given([])
          .when(declare({ content: withStandard({ issuedOn: TODAY }) }))
          .then((events) => expect(events[0].type).toBe('StandardDeclared'));
        expect(rulesFor(withStandard({ issuedOn: '2025-06-02' }))).toEqual([['content.standard.issuedOn', 'not_after_today']]);
      });

      it('requires 1 to 100 products', () => {
        expect(rulesFor({ ...content, products: [] })).toEqual([['content.products', 'min_items']]);
        const many = Array.from({ length: 101 }, (_, i) => ({ name: '空气净化器', model: `M${i}`, category: 'air_purifier' }));
        expect(rulesFor({ ...content, products: many })).toEqual([['content.products', 'max_items']]);
        spec
          .given([])
          .when(declare({ content: { ...content, products: many.slice(0, 100) } as DeclarationContent }))
          .then((events) => expect(events[0].type).toBe('StandardDeclared'));
        expect(rulesFor({ ...content, products: 'air purifier' })).toEqual([['content.products', 'type']]);
        expect(rulesFor({ ...content, products: undefined })).toEqual([['content.products', 'required']]);
      });

      it('checks product name and model lengths', () => {
        expect(rulesFor({ ...content, products: [{ name: '品'.repeat(201), model: '', category: 'toy' }] })).toEqual([
          ['content.products[0].name', 'max_length'],
        ]);
        spec
          .given([])
          .when(declare({ content: { ...content, products: [{ name: '品'.repeat(200), model: 'M'.repeat(200), category: 'toy' }] } }))
          .then((events) => expect(events[0].type).toBe('StandardDeclared'));
        expect(rulesFor({ ...content, products: [null] })).toEqual([['content.products[0]', 'required']]);
      });

      it('knows the 15 key categories and other', () => {
        for (const category of PRODUCT_CATEGORIES) {
          spec
            .given([])
            .when(declare({ content: { ...content, products: [{ name: '产品', model: '', category }] } }))
            .then((events) => expect(events[0].type).toBe('StandardDeclared'));
        }
        expect(rulesFor({ ...content, products: [{ name: '产品', model: '', category: 'Air_Purifier' }] })).toEqual([
          ['content.products[0].category', 'product_category'],
        ]);
      });

      it('allows at most 200 indicators and limits their fields', () => {
        const many = Array.from({ length: 201 }, (_, i) => indicator({ name: `指标${i}` }));
        expect(rulesFor({ ...content, indicators: many })).toEqual([['content.indicators', 'max_items']]);
        spec
          .given([])
          .when(declare({ content: { ...content, indicators: many.slice(0, 200) } }))
          .then((events) => expect(events[0].type).toBe('StandardDeclared'));
        expect(rulesFor({ ...content, indicators: [indicator({ name: '指'.repeat(201), value: '值'.repeat(201), unit: 'u'.repeat(50) })] })).toEqual([
          ['content.indicators[0].name', 'max_length'],
          ['content.indicators[0].value', 'max_length'],
        ]);
      });

      it('requires indicators for enterprise and group standards (Standardization Law art. 27, Guangdong plan)', () => {
        expect(rulesFor({ ...content, indicators: [] })).toEqual([['content.indicators', 'indicators_required']]);
        const group = withStandard({ kind: 'group', number: 'T/XZYC 0055-2024', issuedOn: '2024-05-01' });
        expect(rulesFor({ ...group, indicators: [] })).toEqual([['content.indicators', 'indicators_required']]);
        const absent = { ...content } as Record<string, unknown>;
        delete absent.indicators;
        expect(rulesFor(absent)).toEqual([['content.indicators', 'indicators_required']]);
      });

      it('does not require indicators for national, industry or local standards', () => {
        spec
          .given([])
          .when(declare({ content: { ...nationalContent, indicators: [] } }))
          .then((events) => expect(events[0].type).toBe('StandardDeclared'));
      });

      it('requires a test method for every indicator of every kind (Measures art. 12)', () => {
        expect(rulesFor({ ...nationalContent, indicators: [indicator(), indicator({ testMethod: '  ' })] })).toEqual([
          ['content.indicators[1].testMethod', 'test_method_required'],
        ]);
        expect(rulesFor({ ...content, indicators: [indicator({ testMethod: null })] })).toEqual([
          ['content.indicators[0].testMethod', 'test_method_required'],
        ]);
      });

      it('requires an explanation when flagged below the recommended standard (Measures art. 14)', () => {
        const flagged = (b: Record<string, unknown>) => ({ ...content, belowRecommended: b });
        expect(rulesFor(flagged({ flagged: true, referenceStandard: null, explanation: null }))).toEqual([
          ['content.belowRecommended.explanation', 'explanation_required'],
        ]);
        spec
          .given([])
          .when(declare({ content: flagged({ flagged: true, referenceStandard: null, explanation: '待机功率高于推荐值' }) as unknown as DeclarationContent }))
          .then((events) => expect(events[0].type).toBe('StandardDeclared'));
        expect(rulesFor(flagged({ flagged: 'true', referenceStandard: null, explanation: 'x' }))).toEqual([
          ['content.belowRecommended.flagged', 'type'],
        ]);
      });

      it.each(['GB/T 18801-2022', 'FZ/T 81014-2008', 'DB44/T 1234-2013', 'DB/T 1234-2013'])(
        'accepts the recommended reference standard %s',
        (referenceStandard) => {
          spec
            .given([])
            .when(declare({ content: { ...content, belowRecommended: { flagged: true, referenceStandard, explanation: '说明' } } }))
            .then((events) => expect(events[0].type).toBe('StandardDeclared'));
        },
      );

      it.each(['GB 4706.1-2005', 'GB/Z 1234-2020', 'DB11/ 501-2017', 'T/PCA 004-2023', 'Q/YQJY 003-2016', 'no standard'])(
        'rejects the reference standard %s',
        (referenceStandard) => {
          expect(rulesFor({ ...content, belowRecommended: { flagged: true, referenceStandard, explanation: '说明' } })).toEqual([
            ['content.belowRecommended.referenceStandard', 'reference_standard'],
          ]);
        },
      );

      it('checks the enterprise facts and the policy', () => {
        const errors = fieldErrors(
          [],
          declare({
            enterprise: { status: 'registered', name: ' ', jurisdiction: '4403' },
            policy: { declareWithinDaysOfIssue: -1, requireDeclarationBeforeFirstSale: 'yes', redeclareWithinDays: 1.5 } as unknown as DeclarationPolicy,
          }),
        );
        expect(rulesOf(errors)).toEqual([
          ['enterprise.name', 'required'],
          ['enterprise.jurisdiction', 'division_code'],
          ['policy.declareWithinDaysOfIssue', 'days'],
          ['policy.requireDeclarationBeforeFirstSale', 'type'],
          ['policy.redeclareWithinDays', 'days'],
        ]);
        expect(rulesOf(fieldErrors([], declare({ enterprise: { status: 'closed' } as unknown as EnterpriseFacts })))).toEqual([['enterprise.status', 'enum']]);
      });

      it('reports missing and mistyped fields', () => {
        const command = declare();
        command.data = { declarationId: 7, uscc: HUAWEI } as unknown as DeclareStandardData;
        expect(rulesOf(fieldErrors([], command))).toEqual([
          ['declarationId', 'type'],
          ['content', 'required'],
          ['enterprise', 'required'],
          ['policy', 'required'],
        ]);
        expect(rulesFor({ ...content, standard: 'GB/T 18801-2022' })).toEqual([['content.standard', 'type']]);
      });

      it('reports an unreadable clock', () => {
        expect(rulesOf(fieldErrors([], declare({}, huaweiUser, 'yesterday')))).toEqual([['metadata.now', 'datetime']]);
      });
    });

    describe('timeliness (design choice: policy values)', () => {
      it('marks a declaration after the first sale late, and still accepts it', () => {
        spec
          .given([])
          .when(declare({ content: { ...content, firstSaleOn: '2025-05-31' } }))
          .then((events) => {
            expect(events.map((e) => e.type)).toEqual(['StandardDeclared', 'DeclarationMarkedLate']);
            expect(events[1]).toEqual({
              type: 'DeclarationMarkedLate',
              data: { declarationId: ID, uscc: HUAWEI, version: 1, reasons: [{ rule: 'after_first_sale', firstSaleOn: '2025-05-31', declaredOn: TODAY }] },
            });
          });
      });

      it('counts a declaration on the day of the first sale as in time', () => {
        spec
          .given([])
          .when(declare({ content: { ...content, firstSaleOn: TODAY } }))
          .then((events) => expect(events.map((e) => e.type)).toEqual(['StandardDeclared']));
      });

      it('skips the first-sale check when the policy turns it off', () => {
        spec
          .given([])
          .when(declare({ content: { ...content, firstSaleOn: '2025-01-01' }, policy: { ...policy, requireDeclarationBeforeFirstSale: false } }))
          .then((events) => expect(events.map((e) => e.type)).toEqual(['StandardDeclared']));
      });

      it('marks an enterprise standard declared more than 30 days after its issue late', () => {
        spec
          .given([])
          .when(declare({ content: withStandard({ issuedOn: '2025-05-02' }) }))
          .then((events) => expect(events.map((e) => e.type)).toEqual(['StandardDeclared']));
        spec
          .given([])
          .when(declare({ content: withStandard({ issuedOn: '2025-05-01' }) }))
          .then((events) =>
            expect(lateOf(events)).toEqual([{ rule: 'after_issue_window', issuedOn: '2025-05-01', declaredOn: TODAY, daysAfterIssue: 31, allowedDays: 30 }]),
          );
      });

      it('uses the window of the policy', () => {
        spec
          .given([])
          .when(declare({ content: withStandard({ issuedOn: '2025-05-20' }), policy: { ...policy, declareWithinDaysOfIssue: 10 } }))
          .then((events) => expect(lateOf(events)).toEqual([expect.objectContaining({ rule: 'after_issue_window', daysAfterIssue: 12, allowedDays: 10 })]));
      });

      it('gives every reason at once', () => {
        spec
          .given([])
          .when(declare({ content: { ...withStandard({ issuedOn: '2024-02-29' }), firstSaleOn: '2024-03-01' } }))
          .then((events) =>
            expect(lateOf(events)).toEqual([
              { rule: 'after_first_sale', firstSaleOn: '2024-03-01', declaredOn: TODAY },
              { rule: 'after_issue_window', issuedOn: '2024-02-29', declaredOn: TODAY, daysAfterIssue: 458, allowedDays: 30 },
            ]),
          );
      });

      it('does not hold the issue date of a national, industry, local or group standard against the enterprise', () => {
        spec
          .given([])
          .when(declare({ content: nationalContent }))
          .then((events) => expect(events.map((e) => e.type)).toEqual(['StandardDeclared']));
        spec
          .given([])
          .when(declare({ content: { ...nationalContent, firstSaleOn: '2023-01-01' } }))
          .then((events) => expect(lateOf(events).map((r) => r.rule)).toEqual(['after_first_sale']));
      });
    });
  });

  describe('ReviseDeclaration', () => {
    const next = withStandard({ title: '空气净化器企业标准（修订）' });

    it('declares the revision as the next version, under the current name', () => {
      spec
        .given([declared()])
        .when(revise({ content: next }))
        .then([
          {
            type: 'DeclarationRevised',
            data: { declarationId: ID, uscc: HUAWEI, version: 2, enterpriseName: NAME, content: next, effectiveFrom: '2025-06-10' },
          },
        ]);
      spec
        .given([declared(), revised(2, '2025-05-28')])
        .when(revise({ content: next }))
        .then((events) => expect(events[0].data).toMatchObject({ version: 3 }));
    });

    it('keeps the history of versions and answers which was in force on a date', () => {
      const v2 = withStandard({ number: 'Q/HW 0001-2025', title: '第二版' });
      const state = fold(declarationDecider, [declared(), revised(2, '2025-06-10', v2), abolished(ID, 2, '2025-07-01')]);
      const record = state.declarations[ID];
      expect(record.versions.map((v) => [v.version, v.effectiveFrom, v.content.standard.title])).toEqual([
        [1, '2025-05-25', '空气净化器企业标准'],
        [2, '2025-06-10', '第二版'],
      ]);
      expect(versionInForceOn(record, '2025-05-24')).toBeNull();
      expect(versionInForceOn(record, '2025-05-25')?.version).toBe(1);
      expect(versionInForceOn(record, '2025-06-09')?.version).toBe(1);
      expect(versionInForceOn(record, '2025-06-10')?.version).toBe(2);
      expect(versionInForceOn(record, '2025-06-30')?.version).toBe(2);
      expect(versionInForceOn(record, '2025-07-01')).toBeNull();
    });

    it('lets the number change kind: GB 4706.1-2005 becomes GB/T 4706.1-2024 from 2026-08-01', () => {
      const mandatory = withStandard({ kind: 'national', number: 'GB 4706.1-2005', mandatory: true, issuedOn: '2005-08-26' }, nationalContent);
      const recommended = withStandard({ kind: 'national', number: 'GB/T 4706.1-2024', mandatory: false, issuedOn: '2024-04-29' }, nationalContent);
      spec
        .given([declared(ID, mandatory)])
        .when(revise({ content: recommended, effectiveFrom: '2026-08-01' }))
        .then((events) => expect(events[0].data).toMatchObject({ version: 2, effectiveFrom: '2026-08-01', content: { standard: { number: 'GB/T 4706.1-2024' } } }));
    });

    it('normalises the revised content', () => {
      spec
        .given([declared()])
        .when(revise({ content: withStandard({ number: 'q/hw 0001—2025', title: '  修订 版 ' }) }))
        .then((events) => expect(events[0].data).toMatchObject({ content: { standard: { number: 'Q/HW 0001-2025', title: '修订 版' } } }));
    });

    it('marks a revision that adds a product already on sale as late, with its version', () => {
      spec
        .given([declared()])
        .when(revise({ content: { ...next, products: [...next.products, { name: '新增产品', model: 'NEW-1', category: 'other' }], firstSaleOn: '2025-05-01' } }))
        .then((events) => {
          expect(events.map((e) => e.type)).toEqual(['DeclarationRevised', 'DeclarationMarkedLate']);
          expect(events[1].data).toMatchObject({ version: 2, reasons: [{ rule: 'after_first_sale', firstSaleOn: '2025-05-01', declaredOn: TODAY }] });
        });
    });

    it('does not mark a revision late for products already declared before their first sale', () => {
      spec
        .given([declared()])
        .when(revise({ content: { ...next, firstSaleOn: '2025-05-01' } }))
        .then((events) => expect(events.map((e) => e.type)).toEqual(['DeclarationRevised']));
    });

    it('refuses an unknown declaration, or one of another enterprise', () => {
      const error = spec.given([]).when(revise()).thenThrows('DECLARATION.NOT_FOUND');
      expect(error.kind).toBe('not_found');
      spec.given([declared()]).when(revise({ declarationId: ID2 })).thenThrows('DECLARATION.NOT_FOUND');
      spec
        .given([declared()])
        .when(revise({ uscc: OTHER }, admin))
        .thenThrows('DECLARATION.NOT_FOUND');
    });

    it('refuses to revise an abolished declaration', () => {
      const error = spec.given([declared(), abolished()]).when(revise()).thenThrows('DECLARATION.ALREADY_ABOLISHED');
      expect(error.kind).toBe('rule');
    });

    it('refuses a version taking effect before the current one, accepts the same day', () => {
      const error = spec
        .given([declared(), revised(2, '2025-06-10')])
        .when(revise({ effectiveFrom: '2025-06-09' }))
        .thenThrows('DECLARATION.EFFECTIVE_DATE_OUT_OF_RANGE');
      expect(error.kind).toBe('rule');
      spec
        .given([declared()])
        .when(revise({ effectiveFrom: '2025-05-24' }))
        .thenThrows('DECLARATION.EFFECTIVE_DATE_OUT_OF_RANGE');
      spec
        .given([declared(), revised(2, '2025-06-10')])
        .when(revise({ effectiveFrom: '2025-06-10' }))
        .then((events) => expect(events[0].data).toMatchObject({ version: 3, effectiveFrom: '2025-06-10' }));
    });

    it('does not conflict with itself but with another declaration', () => {
      spec
        .given([declared()])
        .when(revise({ content }))
        .then((events) => expect(events[0].type).toBe('DeclarationRevised'));
      spec
        .given([declared(), declared(ID2, withStandard({ number: 'Q/HW 0002-2025' }))])
        .when(revise({ content: withStandard({ number: 'Q/HW 0002-2025' }) }))
        .thenThrows('DECLARATION.DUPLICATE');
    });

    it('validates the content and the effective date', () => {
      expect(rulesOf(fieldErrors([declared()], revise({ effectiveFrom: '2025-06-31', content: withStandard({ number: 'GB/T 18801-2022' }) })))).toEqual([
        ['content.standard.number', 'standard_number_kind'],
        ['effectiveFrom', 'date'],
      ]);
    });

    it('clears a pending re-declaration: the revised version carries the new name', () => {
      const history = [declared(), required([ID])];
      spec
        .given(history)
        .when(revise({ enterprise: renamedFacts }))
        .then((events) => expect(events[0].data).toMatchObject({ version: 2, enterpriseName: NEW_NAME }));
      const state = fold(declarationDecider, [...history, revised(2, '2025-06-10', content, ID, NEW_NAME)]);
      expect(state.declarations[ID]).toMatchObject({ status: 'active', enterpriseName: NEW_NAME, redeclareDeadline: null, overdue: false });
    });

    it.each([
      ['a supervisor outside the jurisdiction', guangzhouSupervisor],
      ['another enterprise', otherEnterpriseUser],
      ...refusedRoles.map((a) => [a.role, a] as [string, Actor]),
    ])('refuses %s', (_, who) => {
      spec.given([declared()]).when(revise({}, who)).thenThrows('DECLARATION.FORBIDDEN');
    });

    it('refuses a deregistered or unregistered enterprise', () => {
      spec
        .given([declared()])
        .when(revise({ enterprise: { ...registeredFacts, status: 'deregistered' } }))
        .thenThrows('DECLARATION.ENTERPRISE_DEREGISTERED');
      spec
        .given([declared()])
        .when(revise({ enterprise: { status: 'none', name: null, jurisdiction: null } }))
        .thenThrows('DECLARATION.ENTERPRISE_NOT_REGISTERED');
    });
  });

  describe('ConfirmDeclaration', () => {
    it('records the review of the current version, dated today', () => {
      spec
        .given([declared(), revised(2, '2025-05-28')])
        .when(confirm())
        .then([{ type: 'DeclarationConfirmed', data: { declarationId: ID, uscc: HUAWEI, version: 2, reviewedOn: TODAY } }]);
    });

    it('lets a covering supervisor and the admin confirm', () => {
      for (const who of [shenzhenSupervisor, admin]) {
        spec
          .given([declared()])
          .when(confirm({}, who))
          .then((events) => expect(events[0].type).toBe('DeclarationConfirmed'));
      }
    });

    it('refuses an unknown or abolished declaration', () => {
      spec.given([]).when(confirm()).thenThrows('DECLARATION.NOT_FOUND');
      spec.given([declared(), abolished()]).when(confirm()).thenThrows('DECLARATION.ALREADY_ABOLISHED');
    });

    it.each([
      ['a supervisor outside the jurisdiction', guangzhouSupervisor],
      ['another enterprise', otherEnterpriseUser],
      ...refusedRoles.map((a) => [a.role, a] as [string, Actor]),
    ])('refuses %s', (_, who) => {
      spec.given([declared()]).when(confirm({}, who)).thenThrows('DECLARATION.FORBIDDEN');
    });

    it('validates the identifiers', () => {
      expect(rulesOf(fieldErrors([declared()], confirm({ declarationId: ' ', uscc: undefined as unknown as string })))).toEqual([
        ['declarationId', 'required'],
        ['uscc', 'required'],
      ]);
    });
  });

  describe('AbolishDeclaration', () => {
    it('abolishes the current version from the effective date', () => {
      spec
        .given([declared()])
        .when(abolish({ effectiveDate: '2025-06-05' }))
        .then([{ type: 'DeclarationAbolished', data: { declarationId: ID, uscc: HUAWEI, version: 1, effectiveDate: '2025-06-05' } }]);
    });

    it('accepts the first day of the current version, refuses an earlier day', () => {
      spec
        .given([declared()])
        .when(abolish({ effectiveDate: '2025-05-25' }))
        .then((events) => expect(events).toHaveLength(1));
      spec
        .given([declared(), revised(2, '2025-05-30')])
        .when(abolish({ effectiveDate: '2025-05-29' }))
        .thenThrows('DECLARATION.EFFECTIVE_DATE_OUT_OF_RANGE');
    });

    it('refuses to abolish twice, and abolish then revise is refused', () => {
      spec.given([declared(), abolished()]).when(abolish()).thenThrows('DECLARATION.ALREADY_ABOLISHED');
      spec.given([declared(), abolished()]).when(revise()).thenThrows('DECLARATION.ALREADY_ABOLISHED');
    });

    it('refuses an unknown declaration', () => {
      spec.given([declared()]).when(abolish({ declarationId: ID2 })).thenThrows('DECLARATION.NOT_FOUND');
    });

    it('validates the effective date', () => {
      expect(rulesOf(fieldErrors([declared()], abolish({ effectiveDate: '01/06/2025' })))).toEqual([['effectiveDate', 'date']]);
    });

    it('ends a pending re-declaration', () => {
      const state = fold(declarationDecider, [declared(), required([ID]), abolished()]);
      expect(state.declarations[ID]).toMatchObject({ status: 'abolished', abolishedOn: '2025-05-30', redeclareDeadline: null });
      spec.given([declared(), required([ID]), abolished()]).when(recordOverdue({}, system, '2025-07-01T00:00:00Z')).then([]);
    });

    it.each([
      ['a supervisor outside the jurisdiction', guangzhouSupervisor],
      ['another enterprise', otherEnterpriseUser],
      ...refusedRoles.map((a) => [a.role, a] as [string, Actor]),
    ])('refuses %s', (_, who) => {
      spec.given([declared()]).when(abolish({}, who)).thenThrows('DECLARATION.FORBIDDEN');
    });
  });

  describe('RequireRedeclaration', () => {
    it('requires every active declaration to be declared again within the policy days of the rename', () => {
      spec
        .given([
          declared(),
          declared(ID2, nationalContent),
          declared(ID3, withStandard({ number: 'Q/HW 0003-2025' })),
          abolished(ID3),
        ])
        .when(requireRedeclaration())
        .then([
          {
            type: 'RedeclarationRequired',
            data: {
              uscc: HUAWEI,
              previousName: NAME,
              newName: NEW_NAME,
              renamedOn: '2025-05-20',
              deadline: '2025-06-19',
              declarationIds: [ID, ID2],
              sourceEventId: 'evt-rename-1',
            },
          },
        ]);
    });

    it('uses the policy days', () => {
      spec
        .given([declared()])
        .when(requireRedeclaration({ policy: { ...policy, redeclareWithinDays: 45 } }))
        .then((events) => expect(events[0].data).toMatchObject({ deadline: '2025-07-04' }));
    });

    it('emits nothing when no declaration is active', () => {
      spec.given([]).when(requireRedeclaration()).then([]);
      spec.given([declared(), abolished()]).when(requireRedeclaration()).then([]);
    });

    it('handles the same rename once', () => {
      spec.given([declared(), required([ID])]).when(requireRedeclaration()).then([]);
      spec.given([declared(), required([ID]), redeclared()]).when(requireRedeclaration()).then([]);
    });

    it('leaves declarations already waiting alone, and takes a later rename for the active ones', () => {
      spec
        .given([declared(), required([ID]), declared(ID2, nationalContent)])
        .when(requireRedeclaration({ sourceEventId: 'evt-rename-2', previousName: NEW_NAME, newName: '华为乙有限公司', renamedOn: '2025-05-30' }))
        .then((events) => expect(events[0].data).toMatchObject({ declarationIds: [ID2], deadline: '2025-06-29', sourceEventId: 'evt-rename-2' }));
    });

    it('skips declarations already made under the new name', () => {
      spec
        .given([declared(), declared(ID2, nationalContent, '2025-05-25', NEW_NAME)])
        .when(requireRedeclaration())
        .then((events) => expect(events[0].data).toMatchObject({ declarationIds: [ID] }));
    });

    it.each([admin, huaweiUser, shenzhenSupervisor, actor('public', '440300'), actor('analyst', '000000')].map((a) => [a.role, a] as const))(
      'refuses the %s role: only the system sends it',
      (_, who) => {
        spec.given([declared()]).when(requireRedeclaration({}, who)).thenThrows('DECLARATION.FORBIDDEN');
      },
    );

    it('validates the rename facts and the policy', () => {
      expect(
        rulesOf(
          fieldErrors(
            [declared()],
            requireRedeclaration({ newName: '', renamedOn: '2025-02-30', sourceEventId: ' ', policy: { ...policy, redeclareWithinDays: -3 } }),
          ),
        ),
      ).toEqual([
        ['newName', 'required'],
        ['renamedOn', 'date'],
        ['sourceEventId', 'required'],
        ['policy.redeclareWithinDays', 'days'],
      ]);
    });
  });

  describe('RedeclareStandard', () => {
    it('declares a waiting declaration again under the current name', () => {
      spec
        .given([declared(), revised(2, '2025-05-28'), required([ID])])
        .when(redeclareCmd())
        .then([{ type: 'DeclarationRedeclared', data: { declarationId: ID, uscc: HUAWEI, version: 2, enterpriseName: NEW_NAME } }]);
    });

    it('clears the waiting state', () => {
      const state = fold(declarationDecider, [declared(), required([ID]), redeclared()]);
      expect(state.declarations[ID]).toMatchObject({ status: 'active', enterpriseName: NEW_NAME, redeclareDeadline: null, overdue: false });
    });

    it('accepts a re-declaration after the deadline was recorded overdue', () => {
      spec
        .given([declared(), required([ID]), overdue()])
        .when(redeclareCmd())
        .then((events) => expect(events[0].type).toBe('DeclarationRedeclared'));
      const state = fold(declarationDecider, [declared(), required([ID]), overdue(), redeclared()]);
      expect(state.declarations[ID]).toMatchObject({ status: 'active', overdue: false });
    });

    it('refuses a declaration that is not waiting', () => {
      const error = spec.given([declared()]).when(redeclareCmd()).thenThrows('DECLARATION.NOT_PENDING_REDECLARATION');
      expect(error.kind).toBe('rule');
      spec.given([declared(), required([ID]), redeclared()]).when(redeclareCmd()).thenThrows('DECLARATION.NOT_PENDING_REDECLARATION');
    });

    it('refuses an abolished or unknown declaration', () => {
      spec.given([declared(), abolished()]).when(redeclareCmd()).thenThrows('DECLARATION.ALREADY_ABOLISHED');
      spec.given([declared()]).when(redeclareCmd({ declarationId: ID2 })).thenThrows('DECLARATION.NOT_FOUND');
    });

    it.each([
      ['a supervisor outside the jurisdiction', guangzhouSupervisor],
      ['another enterprise', otherEnterpriseUser],
      ...refusedRoles.map((a) => [a.role, a] as [string, Actor]),
    ])('refuses %s', (_, who) => {
      spec
        .given([declared(), required([ID])])
        .when(redeclareCmd({}, who))
        .thenThrows('DECLARATION.FORBIDDEN');
    });

    it('refuses a deregistered enterprise', () => {
      spec
        .given([declared(), required([ID])])
        .when(redeclareCmd({ enterprise: { ...renamedFacts, status: 'deregistered' } }))
        .thenThrows('DECLARATION.ENTERPRISE_DEREGISTERED');
    });
  });

  describe('RecordRedeclarationOverdue', () => {
    const waiting = [declared(), required([ID])];

    it('records nothing up to and including the deadline, China time', () => {
      spec.given(waiting).when(recordOverdue({}, system, '2025-06-19T15:59:59Z')).then([]);
    });

    it('records the passed deadline the day after', () => {
      spec
        .given(waiting)
        .when(recordOverdue({}, system, '2025-06-19T16:00:00Z'))
        .then([{ type: 'RedeclarationOverdue', data: { declarationId: ID, uscc: HUAWEI, deadline: '2025-06-19', recordedOn: '2025-06-20' } }]);
    });

    it('records it once', () => {
      spec
        .given([...waiting, overdue()])
        .when(recordOverdue({}, system, '2025-06-25T00:00:00Z'))
        .then([]);
    });

    it('records nothing for an active, re-declared or abolished declaration', () => {
      const later = '2025-07-01T00:00:00Z';
      spec.given([declared()]).when(recordOverdue({}, system, later)).then([]);
      spec
        .given([...waiting, redeclared()])
        .when(recordOverdue({}, system, later))
        .then([]);
      spec
        .given([...waiting, abolished()])
        .when(recordOverdue({}, system, later))
        .then([]);
      spec
        .given([...waiting, revised(2, '2025-06-10', content, ID, NEW_NAME)])
        .when(recordOverdue({}, system, later))
        .then([]);
    });

    it('records a later deadline again after a second rename', () => {
      const history = [...waiting, overdue(), redeclared(), required([ID], 'evt-rename-2', '2025-08-01')];
      spec.given(history).when(recordOverdue({}, system, '2025-07-15T00:00:00Z')).then([]);
      spec
        .given(history)
        .when(recordOverdue({}, system, '2025-08-02T00:00:00Z'))
        .then([{ type: 'RedeclarationOverdue', data: { declarationId: ID, uscc: HUAWEI, deadline: '2025-08-01', recordedOn: '2025-08-02' } }]);
    });

    it('refuses an unknown declaration', () => {
      spec.given(waiting).when(recordOverdue({ declarationId: ID2 })).thenThrows('DECLARATION.NOT_FOUND');
    });

    it.each([admin, huaweiUser, shenzhenSupervisor, actor('inspector', '440300')].map((a) => [a.role, a] as const))(
      'refuses the %s role: only the system sends it',
      (_, who) => {
        spec.given(waiting).when(recordOverdue({}, who)).thenThrows('DECLARATION.FORBIDDEN');
      },
    );
  });

  describe('evolve', () => {
    it('starts with no declarations', () => {
      expect(declarationDecider.initialState()).toEqual({ uscc: null, declarations: {}, order: [], handledRenameSourceIds: [] });
    });

    it('folds a whole life', () => {
      const late: DeclarationMarkedLate = {
        type: 'DeclarationMarkedLate',
        data: { declarationId: ID, uscc: HUAWEI, version: 2, reasons: [{ rule: 'after_first_sale', firstSaleOn: '2025-05-01', declaredOn: '2025-05-28' }] },
      };
      const confirmed: DeclarationConfirmed = { type: 'DeclarationConfirmed', data: { declarationId: ID, uscc: HUAWEI, version: 2, reviewedOn: '2025-05-29' } };
      const state = fold(declarationDecider, [declared(), revised(2, '2025-05-28'), late, confirmed, required([ID]), overdue(), declared(ID2, nationalContent)]);
      expect(state.uscc).toBe(HUAWEI);
      expect(state.order).toEqual([ID, ID2]);
      expect(state.handledRenameSourceIds).toEqual(['evt-rename-1']);
      expect(state.declarations[ID]).toEqual({
        declarationId: ID,
        uscc: HUAWEI,
        status: 'to_be_redeclared',
        version: 2,
        content,
        effectiveFrom: '2025-05-28',
        declaredOn: '2025-05-25',
        enterpriseName: NAME,
        jurisdiction: '440307',
        versions: [
          { version: 1, content, effectiveFrom: '2025-05-25', enterpriseName: NAME, lateReasons: [] },
          { version: 2, content, effectiveFrom: '2025-05-28', enterpriseName: NAME, lateReasons: late.data.reasons },
        ],
        lastReviewedOn: '2025-05-29',
        abolishedOn: null,
        redeclareDeadline: '2025-06-19',
        overdue: true,
      });
      expect(state.declarations[ID2].status).toBe('active');
    });

    it('does not change the state it is given', () => {
      const state = fold(declarationDecider, [declared()]);
      const snapshot = structuredClone(state);
      declarationDecider.evolve(state, revised(2, '2025-06-10'));
      declarationDecider.evolve(state, required([ID]));
      declarationDecider.evolve(state, abolished());
      declarationDecider.evolve(state, declared(ID2));
      expect(state).toEqual(snapshot);
      expect(declarationDecider.initialState()).toEqual({ uscc: null, declarations: {}, order: [], handledRenameSourceIds: [] });
    });

    it('ignores event types it does not know and events for unknown declarations', () => {
      const state = fold(declarationDecider, [declared()]);
      expect(declarationDecider.evolve(state, { type: 'DeclarationPublished', data: {} } as unknown as DeclarationEvent)).toBe(state);
      expect(declarationDecider.evolve(state, abolished(ID2))).toBe(state);
    });
  });

  it('refuses a command type it does not know', () => {
    const command = { type: 'PublishDeclaration', data: {}, metadata: metadata(admin) } as unknown as DeclarationCommand;
    spec.given([]).when(command).thenThrows('DECLARATION.UNKNOWN_COMMAND');
  });
});

describe('declaration access policy', () => {
  const target = { uscc: HUAWEI, jurisdiction: '440307' };

  it('answers for guards and user interfaces', () => {
    expect(mayActOnDeclarations(huaweiUser, 'declare', target)).toBe(true);
    expect(mayActOnDeclarations(otherEnterpriseUser, 'declare', target)).toBe(false);
    expect(mayActOnDeclarations(shenzhenSupervisor, 'abolish', target)).toBe(true);
    expect(mayActOnDeclarations(guangzhouSupervisor, 'abolish', target)).toBe(false);
    expect(mayActOnDeclarations(shenzhenSupervisor, 'declare', { uscc: HUAWEI, jurisdiction: null })).toBe(false);
    expect(mayActOnDeclarations(admin, 'redeclare', target)).toBe(true);
    expect(mayActOnDeclarations(admin, 'require_redeclaration', target)).toBe(false);
    expect(mayActOnDeclarations(system, 'record_redeclaration_overdue', target)).toBe(true);
    expect(mayActOnDeclarations(system, 'declare', target)).toBe(false);
    for (const who of refusedRoles.filter((a) => a.role !== 'system')) {
      for (const action of Object.keys(DECLARATION_ACTION_ROLES) as Array<keyof typeof DECLARATION_ACTION_ROLES>) {
        expect(mayActOnDeclarations(who, action, target)).toBe(false);
      }
    }
  });
});

describe('declaration dates', () => {
  it('counts calendar days across leap years and month ends', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2025-06-01', '2025-05-01')).toBe(-31);
    expect(addDays('2025-05-20', 30)).toBe('2025-06-19');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
  });
});

describe('product categories (domain.md §3)', () => {
  it('has the 15 key categories with Chinese names, plus other', () => {
    expect(KEY_CATEGORIES).toHaveLength(15);
    expect(PRODUCT_CATEGORIES).toEqual([...KEY_CATEGORIES, 'other']);
    for (const c of PRODUCT_CATEGORIES) expect(CATEGORY_LABELS_ZH[c]).toMatch(/\p{Script=Han}/u);
    expect(isProductCategory('hair_dryer')).toBe(true);
    expect(isProductCategory('Hair_Dryer')).toBe(false);
    expect(isProductCategory(3)).toBe(false);
  });
});

describe('declaration contracts', () => {
  it('names one stream per enterprise', () => {
    expect(declarationsStreamId(HUAWEI)).toBe('declarations-914403001922038216');
    expect(declarationsStreamId(' 91350100m000100y43 ')).toBe('declarations-91350100M000100Y43');
  });

  it('lists the event types', () => {
    expect(DECLARATION_EVENT_TYPES).toEqual([
      'StandardDeclared',
      'DeclarationMarkedLate',
      'DeclarationRevised',
      'DeclarationConfirmed',
      'DeclarationAbolished',
      'RedeclarationRequired',
      'DeclarationRedeclared',
      'RedeclarationOverdue',
    ]);
  });

  it('recognises the facts other contexts use, also inside recorded envelopes', () => {
    const late: { type: string; data: unknown; streamId: string } = {
      type: 'DeclarationMarkedLate',
      data: { declarationId: ID, uscc: HUAWEI, version: 1, reasons: [] },
      streamId: declarationsStreamId(HUAWEI),
    };
    expect(isDeclarationMarkedLate(late)).toBe(true);
    if (isDeclarationMarkedLate(late)) expect(late.data.version).toBe(1);
    expect(isRedeclarationOverdue(overdue())).toBe(true);
    expect(isRedeclarationOverdue(late)).toBe(false);
    expect(isDeclarationEvent(declared())).toBe(true);
    expect(isDeclarationEvent({ type: 'EnterpriseRenamed' })).toBe(false);
  });
});
