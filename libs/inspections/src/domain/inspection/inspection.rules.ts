import {
  checkInteger,
  ConflictError,
  NotFoundError,
  RuleViolation,
  addWorkingDays,
  checkCommandDate,
  checkDate,
  checkDivisionCode,
  checkOneOf,
  checkBoolean,
  checkOptionalText,
  checkText,
  isRecord,
  jurisdictionCovers,
  normaliseText,
  throwIfFieldErrors,
} from '@regledger/shared';
import type { FieldError } from '@regledger/shared';
import { MIN_INSPECTORS_PER_TARGET } from '../draw/draw.rules.js';
import type { InspectionResultOutcome } from './inspection.events.js';
import type { InspectorPoolFacts } from './inspection.commands.js';
import type { DeclarationInForceFacts, Finding, InspectedEnterpriseFacts, InspectedProduct, JudgedIndicator, TargetedSource } from './inspection.types.js';
import { TARGETED_SOURCES } from './inspection.types.js';
import { INSPECTION_OUTCOMES } from '../draw/draw.types.js';

/** Stable error codes of inspection tasks. */
export const INSPECTION_ERROR_CODES = Object.freeze({
  VALIDATION_FAILED: 'INSPECTION.VALIDATION_FAILED',
  FORBIDDEN: 'INSPECTION.FORBIDDEN',
  NOT_FOUND: 'INSPECTION.NOT_FOUND',
  ALREADY_EXISTS: 'INSPECTION.ALREADY_EXISTS',
  ENTERPRISE_NOT_REGISTERED: 'INSPECTION.ENTERPRISE_NOT_REGISTERED',
  TOO_FEW_INSPECTORS: 'INSPECTION.TOO_FEW_INSPECTORS',
  INSPECTOR_UNKNOWN: 'INSPECTION.INSPECTOR_UNKNOWN',
  INSPECTOR_INACTIVE: 'INSPECTION.INSPECTOR_INACTIVE',
  INSPECTOR_OUTSIDE_JURISDICTION: 'INSPECTION.INSPECTOR_OUTSIDE_JURISDICTION',
  INSPECTOR_CONFLICT: 'INSPECTION.INSPECTOR_CONFLICT',
  NOT_STARTED: 'INSPECTION.NOT_STARTED',
  ALREADY_STARTED: 'INSPECTION.ALREADY_STARTED',
  ALREADY_COMPLETED: 'INSPECTION.ALREADY_COMPLETED',
  NOT_COMPLETED: 'INSPECTION.NOT_COMPLETED',
  ALREADY_PUBLISHED: 'INSPECTION.ALREADY_PUBLISHED',
  PRODUCT_MISMATCH: 'INSPECTION.PRODUCT_MISMATCH',
  NO_DECLARATION_IN_FORCE: 'INSPECTION.NO_DECLARATION_IN_FORCE',
  DECLARATION_IN_FORCE: 'INSPECTION.DECLARATION_IN_FORCE',
  DECLARATION_NOT_IN_FORCE: 'INSPECTION.DECLARATION_NOT_IN_FORCE',
  DECLARATION_AMBIGUOUS: 'INSPECTION.DECLARATION_AMBIGUOUS',
  UNDECLARED_INDICATOR: 'INSPECTION.UNDECLARED_INDICATOR',
  DECLARED_VALUE_MISMATCH: 'INSPECTION.DECLARED_VALUE_MISMATCH',
  OUTCOME_CONTRADICTS_FINDINGS: 'INSPECTION.OUTCOME_CONTRADICTS_FINDINGS',
  FINDINGS_WITHOUT_SAMPLE: 'INSPECTION.FINDINGS_WITHOUT_SAMPLE',
  UNKNOWN_COMMAND: 'INSPECTION.UNKNOWN_COMMAND',
} as const);

/** Results are published within 20 working days of being produced (Enterprise Information Publicity Regulations art. 6). */
export const PUBLICATION_WORKING_DAYS = 20;

/** Field limits, counted in Unicode code points after normalisation (design choice). */
export const INSPECTION_FIELD_LIMITS = Object.freeze({
  inspectionId: 128,
  inspectorId: 128,
  maxInspectors: 20,
  reference: 200,
  description: 2000,
  productName: 200,
  productModel: 200,
  maxFindings: 200,
  indicatorName: 200,
  value: 200,
  unit: 50,
  testMethod: 500,
  note: 2000,
});

const USCC = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

const validationCode = INSPECTION_ERROR_CODES.VALIDATION_FAILED;

// ---- field checks ----

/** An inspector id list: 1–20 distinct non-blank ids (design choice limits). */
export const checkInspectorIds = (field: string, value: unknown, errors: FieldError[]): string[] => {
  if (!Array.isArray(value)) {
    errors.push({ field, rule: value === undefined || value === null ? 'required' : 'type', message: 'must be a list of inspector ids' });
    return [];
  }
  if (value.length > INSPECTION_FIELD_LIMITS.maxInspectors) {
    errors.push({ field, rule: 'max_items', message: `must list at most ${INSPECTION_FIELD_LIMITS.maxInspectors} inspectors` });
  }
  const ids = value.map((v, i) => checkText(`${field}[${i}]`, v, INSPECTION_FIELD_LIMITS.inspectorId, errors));
  if (new Set(ids).size !== ids.length) errors.push({ field, rule: 'unique', message: 'must not name an inspector twice' });
  return ids;
};

/** A product: name (brand included) and model, as declared; model may be empty (design choice: matches the declarations' shape). */
export const checkProduct = (field: string, value: unknown, errors: FieldError[]): InspectedProduct | null => {
  if (value === undefined || value === null) return null;
  if (!isRecord(value)) {
    errors.push({ field, rule: 'type', message: 'must be an object { name, model }' });
    return null;
  }
  const name = checkText(`${field}.name`, value.name, INSPECTION_FIELD_LIMITS.productName, errors);
  let model = '';
  if (typeof value.model !== 'string') errors.push({ field: `${field}.model`, rule: 'type', message: 'must be a string (empty for none)' });
  else {
    model = normaliseText(value.model);
    if ([...model].length > INSPECTION_FIELD_LIMITS.productModel) errors.push({ field: `${field}.model`, rule: 'max_length', message: `must have at most ${INSPECTION_FIELD_LIMITS.productModel} characters` });
  }
  return { name, model };
};

/** A USCC shape: 18 characters of the GB 32100-2015 alphabet (domain.md §4); the enterprises context holds the full check. */
export const checkUsccShape = (field: string, value: unknown, errors: FieldError[]): string => {
  const code = typeof value === 'string' ? value.trim().toUpperCase() : '';
  if (!USCC.test(code)) errors.push({ field, rule: 'uscc', message: 'must be an 18-character unified social credit code' });
  return code;
};

/** Later findings for an indicator replace earlier ones; new indicators are appended (the decider and the read model fold them alike). */
export const mergeFindings = (current: readonly Finding[], recorded: readonly Finding[]): Finding[] => {
  const out = current.map((f) => recorded.find((r) => r.indicator === f.indicator) ?? f);
  for (const r of recorded) if (!current.some((f) => f.indicator === r.indicator)) out.push(r);
  return out;
};

/** The product a draw assignment names, from its `productKeyOf` key `["name","model"]` (draw.rules.ts). */
export const productFromKey = (productKey: string | null): InspectedProduct | null => {
  if (productKey === null) return null;
  try {
    const parsed: unknown = JSON.parse(productKey);
    if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[0] === 'string' && typeof parsed[1] === 'string') return { name: parsed[0], model: parsed[1] };
  } catch {
    /* not a product key */
  }
  return null;
};

/** The key `productKeyOf` gives a product: `JSON.stringify([name, model])` (domain.md §5: same product = brand + model). */
export const productKeyFor = (product: InspectedProduct | null): string | null => (product === null ? null : JSON.stringify([product.name, product.model]));

// ---- validation per command ----

export const validateOpenDrawnInspection = (data: {
  inspectionId: unknown;
  planId: unknown;
  authority: unknown;
  uscc: unknown;
  productKey: unknown;
  inspectorIds: unknown;
}, now: unknown) => {
  const errors: FieldError[] = [];
  const today = checkCommandDate(now, errors);
  const inspectionId = checkText('inspectionId', data.inspectionId, INSPECTION_FIELD_LIMITS.inspectionId, errors);
  const planId = checkText('planId', data.planId, INSPECTION_FIELD_LIMITS.inspectionId, errors);
  const authority = checkDivisionCode('authority', data.authority, errors);
  const uscc = checkUsccShape('uscc', data.uscc, errors);
  const productKey = data.productKey === null || data.productKey === undefined ? null : String(data.productKey);
  const product = productFromKey(productKey);
  if (productKey !== null && product === null) errors.push({ field: 'productKey', rule: 'product_key', message: 'must be a product key ["name","model"]' });
  const inspectorIds = checkInspectorIds('inspectorIds', data.inspectorIds ?? [], errors);
  throwIfFieldErrors(errors, validationCode);
  return { today, inspectionId, planId, authority, uscc, product, productKey, inspectorIds };
};

/** A follow-up ordered by an enforcement matter: round 1–3 (SAMR Order 18 arts. 44–50), a due date, the product when known. */
export const validateOpenFollowUpInspection = (data: {
  inspectionId: unknown;
  matterId: unknown;
  round: unknown;
  authority: unknown;
  uscc: unknown;
  product: unknown;
  dueOn: unknown;
}, now: unknown) => {
  const errors: FieldError[] = [];
  const today = checkCommandDate(now, errors);
  const inspectionId = checkText('inspectionId', data.inspectionId, INSPECTION_FIELD_LIMITS.inspectionId, errors);
  const matterId = checkText('matterId', data.matterId, INSPECTION_FIELD_LIMITS.reference, errors);
  const round = checkInteger('round', data.round, 1, 3, errors);
  const authority = checkDivisionCode('authority', data.authority, errors);
  const uscc = checkUsccShape('uscc', data.uscc, errors);
  const product = checkProduct('product', data.product, errors);
  const dueOn = checkDate('dueOn', data.dueOn, errors);
  throwIfFieldErrors(errors, validationCode);
  return { today, inspectionId, matterId, round, authority, uscc, product, dueOn };
};

export const validateOpenTargetedInspection = (data: {
  inspectionId: unknown;
  uscc: unknown;
  source: unknown;
  reference: unknown;
  product: unknown;
  description: unknown;
  inspectorIds: unknown;
}, now: unknown) => {
  const errors: FieldError[] = [];
  const today = checkCommandDate(now, errors);
  const inspectionId = checkText('inspectionId', data.inspectionId, INSPECTION_FIELD_LIMITS.inspectionId, errors);
  const uscc = checkUsccShape('uscc', data.uscc, errors);
  const source = checkOneOf<TargetedSource>('source', data.source, TARGETED_SOURCES, errors);
  const reference = checkOptionalText('reference', data.reference, INSPECTION_FIELD_LIMITS.reference, errors);
  const product = checkProduct('product', data.product, errors);
  const description = checkOptionalText('description', data.description, INSPECTION_FIELD_LIMITS.description, errors);
  const inspectorIds = data.inspectorIds === undefined || data.inspectorIds === null ? [] : checkInspectorIds('inspectorIds', data.inspectorIds, errors);
  throwIfFieldErrors(errors, validationCode);
  return { today, inspectionId, uscc, source, reference, product, description, inspectorIds };
};

export const validateAssignInspectors = (data: { inspectorIds: unknown }, now: unknown) => {
  const errors: FieldError[] = [];
  const today = checkCommandDate(now, errors);
  const inspectorIds = checkInspectorIds('inspectorIds', data.inspectorIds, errors);
  throwIfFieldErrors(errors, validationCode);
  return { today, inspectorIds };
};

export const validateCommandDate = (now: unknown): string => {
  const errors: FieldError[] = [];
  const today = checkCommandDate(now, errors);
  throwIfFieldErrors(errors, validationCode);
  return today;
};

/** Findings: 1–200, one per indicator, each with both values and a verdict (Measures art. 12: with its test method). */
export const validateFindings = (value: unknown, now: unknown): { today: string; findings: Finding[] } => {
  const errors: FieldError[] = [];
  const today = checkCommandDate(now, errors);
  const findings: Finding[] = [];
  if (!Array.isArray(value) || value.length === 0) {
    errors.push({ field: 'findings', rule: Array.isArray(value) ? 'min_items' : 'required', message: 'must list at least one finding' });
  } else if (value.length > INSPECTION_FIELD_LIMITS.maxFindings) {
    errors.push({ field: 'findings', rule: 'max_items', message: `must list at most ${INSPECTION_FIELD_LIMITS.maxFindings} findings` });
  } else {
    value.forEach((raw, i) => {
      const f = `findings[${i}]`;
      if (!isRecord(raw)) {
        errors.push({ field: f, rule: 'type', message: 'must be an object' });
        return;
      }
      findings.push({
        indicator: checkText(`${f}.indicator`, raw.indicator, INSPECTION_FIELD_LIMITS.indicatorName, errors),
        declaredValue: checkText(`${f}.declaredValue`, raw.declaredValue, INSPECTION_FIELD_LIMITS.value, errors),
        measuredValue: checkText(`${f}.measuredValue`, raw.measuredValue, INSPECTION_FIELD_LIMITS.value, errors),
        unit: checkOptionalText(`${f}.unit`, raw.unit, INSPECTION_FIELD_LIMITS.unit, errors),
        testMethod: checkOptionalText(`${f}.testMethod`, raw.testMethod, INSPECTION_FIELD_LIMITS.testMethod, errors),
        conforming: checkBoolean(`${f}.conforming`, raw.conforming, errors),
      });
    });
    const names = findings.map((x) => x.indicator);
    if (new Set(names).size !== names.length) errors.push({ field: 'findings', rule: 'unique', message: 'must have one finding per indicator' });
  }
  throwIfFieldErrors(errors, validationCode);
  return { today, findings };
};

/** Outcomes that judge a sample need its production date: the declaration in force on it is the yardstick (domain.md §3). */
export const outcomeNeedsSample = (outcome: InspectionResultOutcome): boolean => outcome !== 'not_located';

export const validateCompleteInspection = (
  data: { outcome: unknown; productionDate: unknown; product: unknown; declarationId: unknown; note: unknown },
  now: unknown,
  inspectedProduct: InspectedProduct | null,
) => {
  const errors: FieldError[] = [];
  const today = checkCommandDate(now, errors);
  const outcome = checkOneOf<InspectionResultOutcome>('outcome', data.outcome, INSPECTION_OUTCOMES, errors);
  const product = checkProduct('product', data.product, errors);
  const declarationId = checkOptionalText('declarationId', data.declarationId, 200, errors);
  const note = checkOptionalText('note', data.note, INSPECTION_FIELD_LIMITS.note, errors);
  let productionDate: string | null = null;
  if (INSPECTION_OUTCOMES.includes(outcome) && outcomeNeedsSample(outcome)) {
    if (data.productionDate === undefined || data.productionDate === null) {
      errors.push({ field: 'productionDate', rule: 'required', message: `is required for the outcome ${outcome}` });
    } else {
      productionDate = checkDate('productionDate', data.productionDate, errors);
      if (productionDate && today && productionDate > today) errors.push({ field: 'productionDate', rule: 'not_in_future', message: 'must not be after today' });
    }
    if (inspectedProduct === null && product === null) {
      errors.push({ field: 'product', rule: 'required', message: `is required for the outcome ${outcome} when the inspection names no product` });
    }
  }
  throwIfFieldErrors(errors, validationCode);
  return { today, outcome, productionDate, product, declarationId, note };
};

// ---- rules ----

/** The inspection exists (its stream has events). */
export const assertInspectionExists = (exists: boolean, inspectionId: string): void => {
  if (!exists) throw new NotFoundError(INSPECTION_ERROR_CODES.NOT_FOUND, `no inspection ${inspectionId}`, { inspectionId });
};

/** An inspection id is used once. */
export const assertInspectionIdFree = (exists: boolean, inspectionId: string): void => {
  if (exists) throw new ConflictError(INSPECTION_ERROR_CODES.ALREADY_EXISTS, `inspection ${inspectionId} already exists`, { inspectionId });
};

/** A targeted inspection names an enterprise the enterprises context registered (domain.md §5: targets are market entities on record). */
export const assertEnterpriseRegistered = (enterprise: InspectedEnterpriseFacts, uscc: string): void => {
  if (enterprise.status === 'none') throw new NotFoundError(INSPECTION_ERROR_CODES.ENTERPRISE_NOT_REGISTERED, `no enterprise ${uscc} is registered`, { uscc });
};

/** At least two inspectors carry out an inspection (Administrative Penalty Law art. 42). */
export const assertEnoughInspectors = (inspectorIds: readonly string[]): void => {
  if (inspectorIds.length < MIN_INSPECTORS_PER_TARGET) {
    throw new RuleViolation(INSPECTION_ERROR_CODES.TOO_FEW_INSPECTORS, `an inspection needs at least ${MIN_INSPECTORS_PER_TARGET} inspectors, got ${inspectorIds.length}`, {
      minimum: MIN_INSPECTORS_PER_TARGET,
      inspectorIds,
    });
  }
};

/**
 * Every inspector is in the pool, active, acts where the authority acts, and declared no interest in the
 * enterprise (SAMR 2019 No. 38 inspector pool; Administrative Penalty Law art. 43 recusal). Skipped when the
 * pool cannot be consulted (facts null).
 */
export const assertInspectorsEligible = (inspectorIds: readonly string[], pool: InspectorPoolFacts, target: { uscc: string; authority: string }): void => {
  if (pool === null) return;
  for (const id of inspectorIds) {
    const facts = pool[id] ?? null;
    if (facts === null) throw new RuleViolation(INSPECTION_ERROR_CODES.INSPECTOR_UNKNOWN, `inspector ${id} is not in the inspector pool`, { inspectorId: id });
    if (!facts.active) throw new RuleViolation(INSPECTION_ERROR_CODES.INSPECTOR_INACTIVE, `inspector ${id} is not active`, { inspectorId: id });
    if (!(jurisdictionCovers(target.authority, facts.jurisdiction) || jurisdictionCovers(facts.jurisdiction, target.authority))) {
      throw new RuleViolation(INSPECTION_ERROR_CODES.INSPECTOR_OUTSIDE_JURISDICTION, `inspector ${id} acts in ${facts.jurisdiction}, not for authority ${target.authority}`, {
        inspectorId: id,
        inspectorJurisdiction: facts.jurisdiction,
        authority: target.authority,
      });
    }
    if (facts.conflicts.includes(target.uscc)) {
      throw new RuleViolation(INSPECTION_ERROR_CODES.INSPECTOR_CONFLICT, `inspector ${id} declared an interest in ${target.uscc} and steps aside`, { inspectorId: id, uscc: target.uscc });
    }
  }
};

/** The product sampled is the one the inspection names, when it names one (domain.md §5: same product = name + model). */
export const assertSameProduct = (inspected: InspectedProduct | null, given: InspectedProduct | null): InspectedProduct | null => {
  if (inspected === null) return given;
  if (given !== null && (given.name !== inspected.name || given.model !== inspected.model)) {
    throw new RuleViolation(INSPECTION_ERROR_CODES.PRODUCT_MISMATCH, `the inspection is of ${inspected.name} ${inspected.model}, not ${given.name} ${given.model}`, {
      inspected,
      given,
    });
  }
  return inspected;
};

/** The declaration to judge against: the one in force on the production date, chosen when several were (domain.md §3). */
export const chooseDeclarationInForce = (inForce: readonly DeclarationInForceFacts[], declarationId: string | null, productionDate: string): DeclarationInForceFacts => {
  if (inForce.length === 0) {
    throw new RuleViolation(INSPECTION_ERROR_CODES.NO_DECLARATION_IN_FORCE, `no declaration covered the product on ${productionDate}: the outcome is no_declaration`, { productionDate });
  }
  if (declarationId !== null) {
    const chosen = inForce.find((d) => d.declarationId === declarationId);
    if (!chosen) {
      throw new RuleViolation(INSPECTION_ERROR_CODES.DECLARATION_NOT_IN_FORCE, `declaration ${declarationId} did not cover the product on ${productionDate}`, {
        declarationId,
        productionDate,
        inForce: inForce.map((d) => ({ declarationId: d.declarationId, version: d.version })),
      });
    }
    return chosen;
  }
  if (inForce.length > 1) {
    throw new RuleViolation(INSPECTION_ERROR_CODES.DECLARATION_AMBIGUOUS, `${inForce.length} declarations covered the product on ${productionDate}: name the one judged (declarationId)`, {
      productionDate,
      inForce: inForce.map((d) => ({ declarationId: d.declarationId, version: d.version, standardNumber: d.standard.number })),
    });
  }
  return inForce[0];
};

/** no_declaration holds only when no declaration covered the product on its production date (Standardization Law art. 27; domain.md §3). */
export const assertNoDeclarationInForce = (inForce: readonly DeclarationInForceFacts[], productionDate: string): void => {
  if (inForce.length > 0) {
    throw new RuleViolation(INSPECTION_ERROR_CODES.DECLARATION_IN_FORCE, `a declaration covered the product on ${productionDate}: judge the findings against it`, {
      productionDate,
      inForce: inForce.map((d) => ({ declarationId: d.declarationId, version: d.version, standardNumber: d.standard.number })),
    });
  }
};

/** An enterprise not found at its address gives no sample, so there are no findings to record (domain.md §8: not reachable at the registered address). */
export const assertNoFindingsWithoutSample = (findings: readonly Finding[]): void => {
  if (findings.length > 0) {
    throw new RuleViolation(INSPECTION_ERROR_CODES.FINDINGS_WITHOUT_SAMPLE, 'an enterprise not located cannot have findings', { indicators: findings.map((f) => f.indicator) });
  }
};

const sameText = (a: string, b: string): boolean => normaliseText(a.normalize('NFKC')) === normaliseText(b.normalize('NFKC'));

/**
 * Findings are judged against the indicators the version in force disclosed (Standardization Law art. 27: products
 * meet the disclosed standard): every finding names a declared indicator with its declared value.
 */
export const judgeFindings = (declaration: DeclarationInForceFacts, findings: readonly Finding[]): JudgedIndicator[] => {
  const undeclared = findings.filter((f) => !declaration.indicators.some((i) => sameText(i.name, f.indicator))).map((f) => f.indicator);
  if (undeclared.length > 0) {
    throw new RuleViolation(INSPECTION_ERROR_CODES.UNDECLARED_INDICATOR, `declaration ${declaration.declarationId} version ${declaration.version} discloses no indicator ${undeclared.join(', ')}`, {
      declarationId: declaration.declarationId,
      version: declaration.version,
      indicators: undeclared,
    });
  }
  const mismatched = findings.filter((f) => declaration.indicators.some((i) => sameText(i.name, f.indicator) && !sameText(i.value, f.declaredValue)));
  if (mismatched.length > 0) {
    throw new RuleViolation(
      INSPECTION_ERROR_CODES.DECLARED_VALUE_MISMATCH,
      `findings quote declared values that version ${declaration.version} of declaration ${declaration.declarationId} does not disclose`,
      {
        declarationId: declaration.declarationId,
        version: declaration.version,
        mismatches: mismatched.map((f) => ({
          indicator: f.indicator,
          quoted: f.declaredValue,
          declared: declaration.indicators.find((i) => sameText(i.name, f.indicator))?.value,
        })),
      },
    );
  }
  return declaration.indicators.map((i) => ({
    name: i.name,
    declaredValue: i.value,
    unit: i.unit,
    testMethod: i.testMethod,
    conforming: findings.find((f) => sameText(f.indicator, i.name))?.conforming ?? null,
  }));
};

/**
 * The outcome follows from the findings (Standardization Law art. 27): conforming needs a conforming finding for
 * every declared indicator; non-conforming needs at least one non-conforming finding.
 */
export const assertOutcomeMatchesFindings = (outcome: 'conforming' | 'non_conforming', judged: readonly JudgedIndicator[]): void => {
  const failing = judged.filter((j) => j.conforming === false).map((j) => j.name);
  const untested = judged.filter((j) => j.conforming === null).map((j) => j.name);
  if (outcome === 'conforming' && (failing.length > 0 || untested.length > 0)) {
    throw new RuleViolation(
      INSPECTION_ERROR_CODES.OUTCOME_CONTRADICTS_FINDINGS,
      'conforming needs a conforming finding for every declared indicator',
      { outcome, nonConforming: failing, withoutFinding: untested },
    );
  }
  if (outcome === 'non_conforming' && failing.length === 0) {
    throw new RuleViolation(INSPECTION_ERROR_CODES.OUTCOME_CONTRADICTS_FINDINGS, 'non_conforming needs at least one non-conforming finding on a declared indicator', {
      outcome,
      withoutFinding: untested,
    });
  }
};

/** The last day to publish: 20 working days after completion (Enterprise Information Publicity Regulations art. 6; domain.md §9). */
export const publicationDueOn = (completedOn: string): string => addWorkingDays(completedOn, PUBLICATION_WORKING_DAYS);

/** A publication after the due date is late (Enterprise Information Publicity Regulations art. 6). */
export const publicationIsLate = (dueOn: string, publishedOn: string): boolean => publishedOn > dueOn;

/** Overdue once the due date has passed unpublished, recorded once (Enterprise Information Publicity Regulations art. 6). */
export const publicationIsOverdue = (s: { publicationDueOn: string | null; publishedOn: string | null; overdueRecordedOn: string | null }, today: string): boolean =>
  s.publicationDueOn !== null && s.publishedOn === null && s.overdueRecordedOn === null && today > s.publicationDueOn;
