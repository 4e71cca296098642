import {
  ConflictError,
  NotFoundError,
  RuleViolation,
  ValidationError,
  checkBoolean,
  checkCommandDate,
  checkDate,
  checkOptionalDate,
  checkOptionalText,
  checkString,
  checkText,
  isDivisionCode,
  isRecord,
} from '@regledger/shared';
import type { FieldError } from '@regledger/shared';
import type {
  AbolishDeclarationData,
  ConfirmDeclarationData,
  DeclareStandardData,
  RecordRedeclarationOverdueData,
  RedeclareStandardData,
  RequireRedeclarationData,
  ReviseDeclarationData,
} from './declaration.commands.js';
import type { DeclarationRecord, DeclarationVersionRecord, DeclarationsState } from './declaration.decider.js';
import type { LateReason } from './declaration.events.js';
import type {
  BelowRecommended,
  DeclarationContent,
  DeclarationPolicy,
  DeclaredProduct,
  EnterpriseFacts,
  Indicator,
  StandardRef,
} from './declaration.types.js';
import { isProductCategory } from './product-category.js';
import type { ProductCategory } from './product-category.js';
import { STANDARD_KINDS, parseStandardNumber, standardNatureMatchesMandatory } from './standard-number.rule.js';
import type { StandardKind } from './standard-number.rule.js';

/** Stable error codes of the declarations context. */
export const DECLARATION_ERROR_CODES = Object.freeze({
  VALIDATION_FAILED: 'DECLARATION.VALIDATION_FAILED',
  FORBIDDEN: 'DECLARATION.FORBIDDEN',
  ENTERPRISE_NOT_REGISTERED: 'DECLARATION.ENTERPRISE_NOT_REGISTERED',
  ENTERPRISE_DEREGISTERED: 'DECLARATION.ENTERPRISE_DEREGISTERED',
  NOT_FOUND: 'DECLARATION.NOT_FOUND',
  ALREADY_EXISTS: 'DECLARATION.ALREADY_EXISTS',
  DUPLICATE: 'DECLARATION.DUPLICATE',
  ALREADY_ABOLISHED: 'DECLARATION.ALREADY_ABOLISHED',
  EFFECTIVE_DATE_OUT_OF_RANGE: 'DECLARATION.EFFECTIVE_DATE_OUT_OF_RANGE',
  NOT_PENDING_REDECLARATION: 'DECLARATION.NOT_PENDING_REDECLARATION',
  UNKNOWN_COMMAND: 'DECLARATION.UNKNOWN_COMMAND',
} as const);

/** Field limits, counted in Unicode code points after normalisation (design choice unless noted). */
export const DECLARATION_FIELD_LIMITS = Object.freeze({
  declarationId: 128,
  title: 200,
  minProducts: 1,
  maxProducts: 100,
  productName: 200,
  productModel: 200,
  maxIndicators: 200,
  indicatorName: 200,
  indicatorValue: 200,
  indicatorUnit: 50,
  testMethod: 500,
  explanation: 2000,
  referenceStandard: 100,
  enterpriseName: 200,
  /** Upper bound of a policy's day counts. */
  policyDays: 3650,
});

/** Kinds whose declarations disclose indicators (Standardization Law art. 27 for enterprise standards; Guangdong plan for group standards). */
export const KINDS_REQUIRING_INDICATORS: readonly StandardKind[] = Object.freeze(['enterprise', 'group'] as StandardKind[]);

/** Kinds a recommended reference standard is taken from (Measures art. 14: "the corresponding recommended standard"). */
export const REFERENCE_STANDARD_KINDS: readonly StandardKind[] = Object.freeze(['national', 'industry', 'local'] as StandardKind[]);

/** Kinds the enterprise issues itself, so "within N days of issuing the standard" applies (domain.md §3, Guangdong plan, Jiangsu practice). */
export const ISSUE_WINDOW_KINDS: readonly StandardKind[] = Object.freeze(['enterprise'] as StandardKind[]);

const INDICATOR_TYPES: readonly Indicator['type'][] = Object.freeze(['functional', 'performance'] as Indicator['type'][]);
const ENTERPRISE_STATUSES: readonly EnterpriseFacts['status'][] = Object.freeze(['none', 'registered', 'deregistered'] as EnterpriseFacts['status'][]);

// ---- text and dates ----

import { CHINA_UTC_OFFSET_MS, addDays, chinaDate, daysBetween, isCalendarDate, normaliseText, textLength } from '@regledger/shared';

export { CHINA_UTC_OFFSET_MS, addDays, chinaDate, daysBetween, isCalendarDate, normaliseText, textLength };

/** Products are told apart by name and model compared trimmed, whitespace-collapsed, width-folded and case-insensitive (design choice). */
export const productKey = (product: Pick<DeclaredProduct, 'name' | 'model'>): string =>
  `${normaliseText(product.name.normalize('NFKC')).toLowerCase()}\u0000${normaliseText(product.model.normalize('NFKC')).toLowerCase()}`;

/** How names, models and search words are matched: NFKC, lower case, one space (design choice: the public registry's matching). */
export const searchable = (text: string): string => text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

// ---- field checks: each returns the normalised value and pushes every failure it finds ----

const present = (value: unknown): boolean => value !== undefined && value !== null;

const objectField = (field: string, value: unknown, errors: FieldError[]): Record<string, unknown> | null => {
  if (!present(value)) {
    errors.push({ field, rule: 'required', message: 'is required' });
    return null;
  }
  if (!isRecord(value)) {
    errors.push({ field, rule: 'type', message: 'must be an object' });
    return null;
  }
  return value;
};

/** A USCC is compared in canonical form, trimmed and upper case; the enterprises context validates it (GB 32100-2015, domain.md §4). */
export const checkUsccField = (field: string, value: unknown, errors: FieldError[]): string => {
  const raw = checkString(field, value, errors);
  if (raw === null) return '';
  const uscc = raw.trim().toUpperCase();
  if (uscc === '') errors.push({ field, rule: 'required', message: 'must not be blank' });
  return uscc;
};

/** An identifier (declaration id, source event id) is 1–128 characters, trimmed (design choice). */
export const checkIdentifier = (field: string, value: unknown, errors: FieldError[]): string => {
  const raw = checkString(field, value, errors);
  if (raw === null) return '';
  const id = raw.trim();
  if (id === '') errors.push({ field, rule: 'required', message: 'must not be blank' });
  else if (textLength(id) > DECLARATION_FIELD_LIMITS.declarationId) {
    errors.push({ field, rule: 'max_length', message: `must have at most ${DECLARATION_FIELD_LIMITS.declarationId} characters` });
  }
  return id;
};

/** A declaration id is an identifier of 1–128 characters (design choice). */
export const checkDeclarationId = checkIdentifier;

/** The number of days of a policy value: a whole number from 0 to 3650 (design choice). */
const checkPolicyDays = (field: string, value: unknown, errors: FieldError[]): number => {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= DECLARATION_FIELD_LIMITS.policyDays) return value;
  errors.push({
    field,
    rule: present(value) ? 'days' : 'required',
    message: `must be a whole number of days from 0 to ${DECLARATION_FIELD_LIMITS.policyDays}`,
  });
  return 0;
};

/** The policy values of domain.md §3 marked as design choices arrive whole in the command (design choice). */
export const checkDeclarationPolicy = (field: string, value: unknown, errors: FieldError[]): DeclarationPolicy => {
  const input = objectField(field, value, errors);
  if (input === null) return { declareWithinDaysOfIssue: 0, requireDeclarationBeforeFirstSale: false, redeclareWithinDays: 0 };
  return {
    declareWithinDaysOfIssue: checkPolicyDays(`${field}.declareWithinDaysOfIssue`, input.declareWithinDaysOfIssue, errors),
    requireDeclarationBeforeFirstSale: checkBoolean(`${field}.requireDeclarationBeforeFirstSale`, input.requireDeclarationBeforeFirstSale, errors),
    redeclareWithinDays: checkPolicyDays(`${field}.redeclareWithinDays`, input.redeclareWithinDays, errors),
  };
};

/** What the enterprises context reports: a known status; a registered or deregistered enterprise has a name and a jurisdiction (domain.md §1). */
export const checkEnterpriseFacts = (field: string, value: unknown, errors: FieldError[]): EnterpriseFacts => {
  const input = objectField(field, value, errors);
  if (input === null) return { status: 'none', name: null, jurisdiction: null };
  const status = input.status as EnterpriseFacts['status'];
  if (!ENTERPRISE_STATUSES.includes(status)) {
    errors.push({ field: `${field}.status`, rule: 'enum', message: `must be one of ${ENTERPRISE_STATUSES.join(', ')}` });
    return { status: 'none', name: null, jurisdiction: null };
  }
  if (status === 'none') return { status, name: null, jurisdiction: null };
  const name = checkText(`${field}.name`, input.name, DECLARATION_FIELD_LIMITS.enterpriseName, errors);
  const raw = checkString(`${field}.jurisdiction`, input.jurisdiction, errors);
  const jurisdiction = raw === null ? '' : raw.trim();
  if (raw !== null && !isDivisionCode(jurisdiction)) {
    errors.push({ field: `${field}.jurisdiction`, rule: 'division_code', message: 'must be a six-digit GB/T 2260 division code' });
  }
  return { status, name, jurisdiction };
};

/**
 * The executed standard: a number of the declared kind (domain.md §3), a mandatory flag matching the number's nature
 * (Standardization Law art. 2), a title (art. 27), an issue date not after today (design choice).
 */
export const checkStandardRef = (field: string, value: unknown, today: string, errors: FieldError[]): StandardRef => {
  const input = objectField(field, value, errors);
  if (input === null) return { kind: 'enterprise', number: '', title: '', mandatory: false, issuedOn: '' };
  const kind = input.kind as StandardKind;
  const kindKnown = STANDARD_KINDS.includes(kind);
  if (!kindKnown) errors.push({ field: `${field}.kind`, rule: 'enum', message: `must be one of ${STANDARD_KINDS.join(', ')}` });

  const rawNumber = checkString(`${field}.number`, input.number, errors);
  const parsed = rawNumber === null ? null : parseStandardNumber(rawNumber);
  if (rawNumber !== null && parsed === null) {
    errors.push({ field: `${field}.number`, rule: 'standard_number_kind', message: 'is not a standard number of a known shape (domain.md §3)' });
  } else if (parsed !== null && kindKnown && parsed.kind !== kind) {
    errors.push({ field: `${field}.number`, rule: 'standard_number_kind', message: `is a ${parsed.kind} standard number, not a ${kind} one` });
  }
  const number = parsed?.normalised ?? (rawNumber === null ? '' : normaliseText(rawNumber));

  const title = checkText(`${field}.title`, input.title, DECLARATION_FIELD_LIMITS.title, errors);
  const mandatory = checkBoolean(`${field}.mandatory`, input.mandatory, errors);
  if (typeof input.mandatory === 'boolean' && parsed !== null && !standardNatureMatchesMandatory(parsed, mandatory)) {
    errors.push({
      field: `${field}.mandatory`,
      rule: 'standard_nature',
      message: `must be ${parsed.nature === 'mandatory'}: ${parsed.normalised} is ${parsed.nature}`,
    });
  }
  const issuedOn = checkDate(`${field}.issuedOn`, input.issuedOn, errors);
  if (isCalendarDate(issuedOn) && today !== '' && issuedOn > today) {
    errors.push({ field: `${field}.issuedOn`, rule: 'not_after_today', message: `must not be after today (${today})` });
  }
  return { kind, number, title, mandatory, issuedOn };
};

/** 1–100 products, each named, with a model of at most 200 characters and a known category, none repeated (design choice). */
export const checkProducts = (field: string, value: unknown, errors: FieldError[]): DeclaredProduct[] => {
  if (!present(value)) {
    errors.push({ field, rule: 'required', message: 'is required' });
    return [];
  }
  if (!Array.isArray(value)) {
    errors.push({ field, rule: 'type', message: 'must be a list' });
    return [];
  }
  const { minProducts, maxProducts } = DECLARATION_FIELD_LIMITS;
  if (value.length < minProducts) errors.push({ field, rule: 'min_items', message: `must list at least ${minProducts} product` });
  if (value.length > maxProducts) errors.push({ field, rule: 'max_items', message: `must list at most ${maxProducts} products` });
  const seen = new Map<string, number>();
  return value.map((item: unknown, i): DeclaredProduct => {
    const at = `${field}[${i}]`;
    const input = objectField(at, item, errors);
    if (input === null) return { name: '', model: '', category: 'other' };
    const name = checkText(`${at}.name`, input.name, DECLARATION_FIELD_LIMITS.productName, errors);
    const model = checkOptionalText(`${at}.model`, input.model, DECLARATION_FIELD_LIMITS.productModel, errors) ?? '';
    const category = typeof input.category === 'string' ? input.category.trim() : input.category;
    if (!isProductCategory(category)) {
      errors.push({ field: `${at}.category`, rule: 'product_category', message: 'must be a known product category code' });
    }
    const product: DeclaredProduct = { name, model, category: category as ProductCategory };
    if (name !== '') {
      const key = productKey(product);
      const first = seen.get(key);
      if (first !== undefined) {
        errors.push({ field: at, rule: 'duplicate_product', message: `repeats ${field}[${first}] (same name and model)` });
      } else seen.set(key, i);
    }
    return product;
  });
};

/** At most 200 indicators, each named and valued; every indicator states its test method (Measures art. 12). */
export const checkIndicators = (field: string, value: unknown, errors: FieldError[]): Indicator[] => {
  if (!present(value)) return [];
  if (!Array.isArray(value)) {
    errors.push({ field, rule: 'type', message: 'must be a list' });
    return [];
  }
  const { maxIndicators } = DECLARATION_FIELD_LIMITS;
  if (value.length > maxIndicators) errors.push({ field, rule: 'max_items', message: `must list at most ${maxIndicators} indicators` });
  return value.map((item: unknown, i): Indicator => {
    const at = `${field}[${i}]`;
    const input = objectField(at, item, errors);
    if (input === null) return { name: '', type: 'functional', value: '', unit: null, testMethod: null };
    const name = checkText(`${at}.name`, input.name, DECLARATION_FIELD_LIMITS.indicatorName, errors);
    const type = input.type as Indicator['type'];
    if (!INDICATOR_TYPES.includes(type)) errors.push({ field: `${at}.type`, rule: 'enum', message: `must be one of ${INDICATOR_TYPES.join(', ')}` });
    const indicatorValue = checkText(`${at}.value`, input.value, DECLARATION_FIELD_LIMITS.indicatorValue, errors);
    const unit = checkOptionalText(`${at}.unit`, input.unit, DECLARATION_FIELD_LIMITS.indicatorUnit, errors);
    const testMethod = checkOptionalText(`${at}.testMethod`, input.testMethod, DECLARATION_FIELD_LIMITS.testMethod, errors);
    if (testMethod === null && (!present(input.testMethod) || typeof input.testMethod === 'string')) {
      errors.push({ field: `${at}.testMethod`, rule: 'test_method_required', message: 'must state the test, inspection or evaluation method (Measures art. 12)' });
    }
    return { name, type, value: indicatorValue, unit, testMethod };
  });
};

/** Enterprise and group standards disclose their indicators (Standardization Law art. 27; Guangdong plan for group standards). */
export const indicatorsRequired = (kind: StandardKind): boolean => KINDS_REQUIRING_INDICATORS.includes(kind);

/** A reference standard is a national, industry or local recommended standard (Measures art. 14). */
export const isRecommendedReferenceStandard = (raw: string): boolean => {
  const parsed = parseStandardNumber(raw);
  return parsed !== null && REFERENCE_STANDARD_KINDS.includes(parsed.kind) && parsed.nature === 'recommended';
};

/** Fewer or lower indicators than the recommended standard are said so with an explanation (Measures art. 14). */
export const checkBelowRecommended = (field: string, value: unknown, errors: FieldError[]): BelowRecommended => {
  if (!present(value)) return { flagged: false, referenceStandard: null, explanation: null };
  const input = objectField(field, value, errors);
  if (input === null) return { flagged: false, referenceStandard: null, explanation: null };
  const flagged = checkBoolean(`${field}.flagged`, input.flagged, errors);
  const reference = checkOptionalText(`${field}.referenceStandard`, input.referenceStandard, DECLARATION_FIELD_LIMITS.referenceStandard, errors);
  let referenceStandard: string | null = reference;
  if (reference !== null) {
    const parsed = parseStandardNumber(reference);
    if (isRecommendedReferenceStandard(reference)) referenceStandard = parsed?.normalised ?? reference;
    else {
      errors.push({
        field: `${field}.referenceStandard`,
        rule: 'reference_standard',
        message: 'must be the number of a national, industry or local recommended standard (Measures art. 14)',
      });
    }
  }
  const explanation = checkOptionalText(`${field}.explanation`, input.explanation, DECLARATION_FIELD_LIMITS.explanation, errors);
  if (flagged && explanation === null && (!present(input.explanation) || typeof input.explanation === 'string')) {
    errors.push({ field: `${field}.explanation`, rule: 'explanation_required', message: 'must explain the shortfall (Measures art. 14)' });
  }
  return { flagged, referenceStandard, explanation };
};

/** The whole content of a declaration version, every failure reported (domain.md §3). */
export const checkDeclarationContent = (field: string, value: unknown, today: string, errors: FieldError[]): DeclarationContent => {
  const input = objectField(field, value, errors);
  if (input === null) {
    return {
      standard: { kind: 'enterprise', number: '', title: '', mandatory: false, issuedOn: '' },
      products: [],
      indicators: [],
      fullTextDisclosed: false,
      firstSaleOn: null,
      belowRecommended: { flagged: false, referenceStandard: null, explanation: null },
    };
  }
  const standard = checkStandardRef(`${field}.standard`, input.standard, today, errors);
  const products = checkProducts(`${field}.products`, input.products, errors);
  const indicators = checkIndicators(`${field}.indicators`, input.indicators, errors);
  if (STANDARD_KINDS.includes(standard.kind) && indicatorsRequired(standard.kind) && indicators.length === 0 && (!present(input.indicators) || Array.isArray(input.indicators))) {
    errors.push({
      field: `${field}.indicators`,
      rule: 'indicators_required',
      message: `a ${standard.kind} standard discloses its functional and performance indicators (Standardization Law art. 27)`,
    });
  }
  const fullTextDisclosed = checkBoolean(`${field}.fullTextDisclosed`, input.fullTextDisclosed, errors);
  const firstSaleOn = checkOptionalDate(`${field}.firstSaleOn`, input.firstSaleOn, errors);
  const belowRecommended = checkBelowRecommended(`${field}.belowRecommended`, input.belowRecommended, errors);
  return { standard, products, indicators, fullTextDisclosed, firstSaleOn, belowRecommended };
};

const throwIfAny = (errors: FieldError[]): void => {
  if (errors.length > 0) throw new ValidationError(errors, DECLARATION_ERROR_CODES.VALIDATION_FAILED);
};

const inputOf = <T>(data: T): Partial<Record<keyof T, unknown>> => (isRecord(data) ? data : {}) as Partial<Record<keyof T, unknown>>;

/** Every field of a declaration is checked and every failure reported at once (domain.md §3). */
export const validateDeclareStandard = (data: DeclareStandardData, now: string): { data: DeclareStandardData; today: string } => {
  const errors: FieldError[] = [];
  const clockErrors: FieldError[] = [];
  const input = inputOf(data);
  const today = checkCommandDate(now, clockErrors);
  const normalised: DeclareStandardData = {
    declarationId: checkDeclarationId('declarationId', input.declarationId, errors),
    uscc: checkUsccField('uscc', input.uscc, errors),
    content: checkDeclarationContent('content', input.content, today, errors),
    enterprise: checkEnterpriseFacts('enterprise', input.enterprise, errors),
    policy: checkDeclarationPolicy('policy', input.policy, errors),
  };
  throwIfAny([...errors, ...clockErrors]);
  return { data: normalised, today };
};

/** Every field of a revision is checked and every failure reported at once (domain.md §3). */
export const validateReviseDeclaration = (data: ReviseDeclarationData, now: string): { data: ReviseDeclarationData; today: string } => {
  const errors: FieldError[] = [];
  const clockErrors: FieldError[] = [];
  const input = inputOf(data);
  const today = checkCommandDate(now, clockErrors);
  const normalised: ReviseDeclarationData = {
    declarationId: checkDeclarationId('declarationId', input.declarationId, errors),
    uscc: checkUsccField('uscc', input.uscc, errors),
    content: checkDeclarationContent('content', input.content, today, errors),
    effectiveFrom: checkDate('effectiveFrom', input.effectiveFrom, errors),
    enterprise: checkEnterpriseFacts('enterprise', input.enterprise, errors),
    policy: checkDeclarationPolicy('policy', input.policy, errors),
  };
  throwIfAny([...errors, ...clockErrors]);
  return { data: normalised, today };
};

/** A confirmation names the declaration and the enterprise (domain.md §3). */
export const validateConfirmDeclaration = (data: ConfirmDeclarationData, now: string): { data: ConfirmDeclarationData; today: string } => {
  const errors: FieldError[] = [];
  const clockErrors: FieldError[] = [];
  const input = inputOf(data);
  const today = checkCommandDate(now, clockErrors);
  const normalised: ConfirmDeclarationData = {
    declarationId: checkDeclarationId('declarationId', input.declarationId, errors),
    uscc: checkUsccField('uscc', input.uscc, errors),
    enterprise: checkEnterpriseFacts('enterprise', input.enterprise, errors),
  };
  throwIfAny([...errors, ...clockErrors]);
  return { data: normalised, today };
};

/** An abolition names the declaration, a real effective date and the enterprise (domain.md §3). */
export const validateAbolishDeclaration = (data: AbolishDeclarationData, now: string): { data: AbolishDeclarationData; today: string } => {
  const errors: FieldError[] = [];
  const clockErrors: FieldError[] = [];
  const input = inputOf(data);
  const today = checkCommandDate(now, clockErrors);
  const normalised: AbolishDeclarationData = {
    declarationId: checkDeclarationId('declarationId', input.declarationId, errors),
    uscc: checkUsccField('uscc', input.uscc, errors),
    effectiveDate: checkDate('effectiveDate', input.effectiveDate, errors),
    enterprise: checkEnterpriseFacts('enterprise', input.enterprise, errors),
  };
  throwIfAny([...errors, ...clockErrors]);
  return { data: normalised, today };
};

/** A re-declaration names the declaration and the enterprise under its current name (domain.md §3). */
export const validateRedeclareStandard = (data: RedeclareStandardData, now: string): { data: RedeclareStandardData; today: string } => {
  const errors: FieldError[] = [];
  const clockErrors: FieldError[] = [];
  const input = inputOf(data);
  const today = checkCommandDate(now, clockErrors);
  const normalised: RedeclareStandardData = {
    declarationId: checkDeclarationId('declarationId', input.declarationId, errors),
    uscc: checkUsccField('uscc', input.uscc, errors),
    enterprise: checkEnterpriseFacts('enterprise', input.enterprise, errors),
  };
  throwIfAny([...errors, ...clockErrors]);
  return { data: normalised, today };
};

/** The facts of a change of name and the policy to apply (domain.md §3). */
export const validateRequireRedeclaration = (
  data: RequireRedeclarationData,
  now: string,
): { data: RequireRedeclarationData; today: string } => {
  const errors: FieldError[] = [];
  const clockErrors: FieldError[] = [];
  const input = inputOf(data);
  const today = checkCommandDate(now, clockErrors);
  const normalised: RequireRedeclarationData = {
    uscc: checkUsccField('uscc', input.uscc, errors),
    previousName: checkText('previousName', input.previousName, DECLARATION_FIELD_LIMITS.enterpriseName, errors),
    newName: checkText('newName', input.newName, DECLARATION_FIELD_LIMITS.enterpriseName, errors),
    renamedOn: checkDate('renamedOn', input.renamedOn, errors),
    sourceEventId: checkIdentifier('sourceEventId', input.sourceEventId, errors),
    policy: checkDeclarationPolicy('policy', input.policy, errors),
  };
  throwIfAny([...errors, ...clockErrors]);
  return { data: normalised, today };
};

/** The scheduler names the declaration (domain.md §3). */
export const validateRecordRedeclarationOverdue = (
  data: RecordRedeclarationOverdueData,
  now: string,
): { data: RecordRedeclarationOverdueData; today: string } => {
  const errors: FieldError[] = [];
  const clockErrors: FieldError[] = [];
  const input = inputOf(data);
  const today = checkCommandDate(now, clockErrors);
  const normalised: RecordRedeclarationOverdueData = {
    declarationId: checkDeclarationId('declarationId', input.declarationId, errors),
    uscc: checkUsccField('uscc', input.uscc, errors),
  };
  throwIfAny([...errors, ...clockErrors]);
  return { data: normalised, today };
};

// ---- enterprise rules ----

/** Only a registered enterprise declares (Standardization Law art. 27: the enterprise discloses; domain.md §1). */
export const assertEnterpriseRegistered = (enterprise: EnterpriseFacts, uscc: string): void => {
  if (enterprise.status === 'none') {
    throw new RuleViolation(DECLARATION_ERROR_CODES.ENTERPRISE_NOT_REGISTERED, `enterprise ${uscc} is not registered`, { uscc });
  }
};

/** A deregistered enterprise no longer declares, revises or reviews (design choice). */
export const assertEnterpriseNotDeregistered = (enterprise: EnterpriseFacts, uscc: string): void => {
  if (enterprise.status === 'deregistered') {
    throw new RuleViolation(DECLARATION_ERROR_CODES.ENTERPRISE_DEREGISTERED, `enterprise ${uscc} is deregistered`, { uscc });
  }
};

// ---- state rules ----

/** The declaration with this id, or null (design choice: ids are unique within the enterprise's stream). */
export const findDeclaration = (state: DeclarationsState, declarationId: string): DeclarationRecord | null =>
  Object.hasOwn(state.declarations, declarationId) ? state.declarations[declarationId] : null;

/** A declaration id is used once, even after abolition (design choice). */
export const assertDeclarationIdFree = (state: DeclarationsState, declarationId: string): void => {
  const existing = findDeclaration(state, declarationId);
  if (existing !== null) {
    throw new ConflictError(DECLARATION_ERROR_CODES.ALREADY_EXISTS, `declaration ${declarationId} already exists`, {
      declarationId,
      status: existing.status,
    });
  }
};

/** Review, abolition and re-declaration act on a declaration of this enterprise (design choice). */
export const assertKnownDeclaration = (state: DeclarationsState, declarationId: string, uscc: string): DeclarationRecord => {
  const record = findDeclaration(state, declarationId);
  if (record === null || record.uscc !== uscc) {
    throw new NotFoundError(DECLARATION_ERROR_CODES.NOT_FOUND, `no declaration ${declarationId} of enterprise ${uscc}`, { declarationId, uscc });
  }
  return record;
};

/** An abolished declaration is closed: no revision, confirmation, abolition or re-declaration (domain.md §3). */
export const assertNotAbolished = (record: DeclarationRecord): void => {
  if (record.status === 'abolished') {
    throw new RuleViolation(DECLARATION_ERROR_CODES.ALREADY_ABOLISHED, `declaration ${record.declarationId} was abolished on ${record.abolishedOn}`, {
      declarationId: record.declarationId,
      abolishedOn: record.abolishedOn,
    });
  }
};

/**
 * Another declaration, not abolished, of the same enterprise and normalised standard number that already covers a product
 * with the same name and model; the declaration being revised does not count (design choice; Measures art. 13: each
 * enterprise declares separately, so only its own declarations are compared).
 */
export const findDuplicateDeclaration = (
  state: DeclarationsState,
  uscc: string,
  content: DeclarationContent,
  exceptDeclarationId: string | null,
): { declarationId: string; product: DeclaredProduct } | null => {
  const keys = new Map(content.products.map((p) => [productKey(p), p] as const));
  for (const id of state.order) {
    const record = state.declarations[id];
    if (id === exceptDeclarationId || record.uscc !== uscc || record.status === 'abolished') continue;
    if (record.content.standard.number !== content.standard.number) continue;
    for (const existing of record.content.products) {
      const product = keys.get(productKey(existing));
      if (product !== undefined) return { declarationId: id, product };
    }
  }
  return null;
};

/** Throws DECLARATION.DUPLICATE naming the declaration that already covers the product (design choice). */
export const assertNoDuplicateDeclaration = (
  state: DeclarationsState,
  uscc: string,
  content: DeclarationContent,
  exceptDeclarationId: string | null,
): void => {
  const duplicate = findDuplicateDeclaration(state, uscc, content, exceptDeclarationId);
  if (duplicate !== null) {
    throw new ConflictError(
      DECLARATION_ERROR_CODES.DUPLICATE,
      `${content.standard.number} is already declared for ${duplicate.product.name} ${duplicate.product.model} in declaration ${duplicate.declarationId}`,
      {
        existingDeclarationId: duplicate.declarationId,
        standardNumber: content.standard.number,
        product: { name: duplicate.product.name, model: duplicate.product.model },
      },
    );
  }
};

/** A new version takes effect no earlier than the version it replaces, so versions stay ordered (domain.md §3: the version in force on a date). */
export const assertRevisionEffectiveFrom = (record: DeclarationRecord, effectiveFrom: string): void => {
  if (effectiveFrom < record.effectiveFrom) {
    throw new RuleViolation(
      DECLARATION_ERROR_CODES.EFFECTIVE_DATE_OUT_OF_RANGE,
      `the new version cannot take effect on ${effectiveFrom}, before version ${record.version} (${record.effectiveFrom})`,
      { declarationId: record.declarationId, effectiveFrom, earliest: record.effectiveFrom },
    );
  }
};

/** An abolition takes effect no earlier than the version in force (domain.md §3: the version in force on a date). */
export const assertAbolitionEffectiveDate = (record: DeclarationRecord, effectiveDate: string): void => {
  if (effectiveDate < record.effectiveFrom) {
    throw new RuleViolation(
      DECLARATION_ERROR_CODES.EFFECTIVE_DATE_OUT_OF_RANGE,
      `the abolition cannot take effect on ${effectiveDate}, before version ${record.version} (${record.effectiveFrom})`,
      { declarationId: record.declarationId, effectiveDate, earliest: record.effectiveFrom },
    );
  }
};

/** Only a declaration waiting for it is declared again under the new name (domain.md §3, Guangdong plan). */
export const assertPendingRedeclaration = (record: DeclarationRecord): void => {
  if (record.status !== 'to_be_redeclared') {
    throw new RuleViolation(DECLARATION_ERROR_CODES.NOT_PENDING_REDECLARATION, `declaration ${record.declarationId} is not waiting to be declared again`, {
      declarationId: record.declarationId,
      status: record.status,
    });
  }
};

// ---- timeliness (domain.md §3, design choice values in the policy) ----

/** Declare before the product is sold; a declaration on the day of the first sale is in time (domain.md §3, Guangdong plan; design choice). */
export const declaredAfterFirstSale = (content: DeclarationContent, declaredOn: string, policy: DeclarationPolicy): LateReason | null =>
  policy.requireDeclarationBeforeFirstSale && content.firstSaleOn !== null && content.firstSaleOn < declaredOn
    ? { rule: 'after_first_sale', firstSaleOn: content.firstSaleOn, declaredOn }
    : null;

/** Declare an enterprise's own standard within policy.declareWithinDaysOfIssue days of issuing it (domain.md §3, Guangdong plan, Jiangsu practice; design choice). */
export const declaredAfterIssueWindow = (content: DeclarationContent, declaredOn: string, policy: DeclarationPolicy): LateReason | null => {
  const { kind, issuedOn } = content.standard;
  if (!ISSUE_WINDOW_KINDS.includes(kind)) return null;
  const daysAfterIssue = daysBetween(issuedOn, declaredOn);
  return daysAfterIssue > policy.declareWithinDaysOfIssue
    ? { rule: 'after_issue_window', issuedOn, declaredOn, daysAfterIssue, allowedDays: policy.declareWithinDaysOfIssue }
    : null;
};

/** Every reason a version declared on `declaredOn` is late; empty when in time (domain.md §3, design choice). */
export const lateReasons = (content: DeclarationContent, declaredOn: string, policy: DeclarationPolicy): LateReason[] =>
  [declaredAfterFirstSale(content, declaredOn, policy), declaredAfterIssueWindow(content, declaredOn, policy)].filter(
    (r): r is LateReason => r !== null,
  );

/**
 * A revision is late only for what is new in it (domain.md §3, design choice): the issue window counts
 * again when the standard was issued anew, and the first-sale rule only when it adds products.
 */
export const revisionLateReasons = (previous: DeclarationContent, content: DeclarationContent, declaredOn: string, policy: DeclarationPolicy): LateReason[] => {
  const known = new Set(previous.products.map(productKey));
  const addsProducts = content.products.some((p) => !known.has(productKey(p)));
  const reissued = content.standard.issuedOn !== previous.standard.issuedOn || content.standard.number !== previous.standard.number;
  return [addsProducts ? declaredAfterFirstSale(content, declaredOn, policy) : null, reissued ? declaredAfterIssueWindow(content, declaredOn, policy) : null].filter(
    (r): r is LateReason => r !== null,
  );
};

// ---- change of name (domain.md §3, Guangdong plan; design choice: days in the policy) ----

/** The last day to declare again: the rename's effective date plus policy.redeclareWithinDays (domain.md §3, design choice). */
export const redeclarationDeadline = (renamedOn: string, policy: DeclarationPolicy): string => addDays(renamedOn, policy.redeclareWithinDays);

/** The same EnterpriseRenamed is handled once (design choice: policies may deliver it again). */
export const renameAlreadyHandled = (state: DeclarationsState, sourceEventId: string): boolean =>
  state.handledRenameSourceIds.includes(sourceEventId);

/**
 * Every active declaration of the enterprise, in declaration order, except those already declared under the new name
 * (domain.md §3: every active declaration is declared again under the new name).
 */
export const declarationsToRedeclare = (state: DeclarationsState, uscc: string, newName: string): string[] =>
  state.order.filter((id) => {
    const record = state.declarations[id];
    return record.uscc === uscc && record.status === 'active' && record.enterpriseName !== newName;
  });

/** Overdue once: still waiting, not yet recorded overdue, and today is after the deadline (domain.md §3, design choice). */
export const redeclarationIsOverdue = (record: DeclarationRecord, today: string): boolean =>
  record.status === 'to_be_redeclared' && !record.overdue && record.redeclareDeadline !== null && today > record.redeclareDeadline;

// ---- history ----

/** The version in force on `date`: the latest one effective by then, none before the first or from the abolition on (domain.md §3). */
export const versionInForceOn = (record: DeclarationRecord, date: string): DeclarationVersionRecord | null => {
  if (record.abolishedOn !== null && date >= record.abolishedOn) return null;
  let inForce: DeclarationVersionRecord | null = null;
  for (const version of record.versions) if (version.effectiveFrom <= date) inForce = version;
  return inForce;
};
