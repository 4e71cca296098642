import { ValidationError, isCalendarDate, isRecord, type FieldError } from '@regledger/shared';
import { ENTRY_KINDS, type EntryKind, type RiskClass } from '../credit.types.js';
import { DEFAULT_CREDIT_POLICY, SCORING_POLICY_ERROR_CODES, type CreditPolicy } from '../credit.rules.js';
import type { ListFloors, ScoreThresholds } from './scoring-policy.events.js';

/** A version of the scoring policy (design choice, domain.md §8: a versioned scoring policy, every point traceable). */
export interface ScoringPolicy {
  version: number;
  /** YYYY-MM-DD. */
  effectiveFrom: string;
  basePoints: number;
  points: Record<EntryKind, number>;
  validityMonths: Record<EntryKind, number | null>;
  thresholds: ScoreThresholds;
  listFloors: ListFloors;
  note: string;
}

const pointsOf = (p: Partial<Record<EntryKind, number>>): Record<EntryKind, number> => Object.fromEntries(ENTRY_KINDS.map((k) => [k, p[k] ?? 0])) as Record<EntryKind, number>;

const PENALTY_AND_LIST_KINDS: readonly EntryKind[] = [
  'penalty_warning',
  'penalty_fine',
  'penalty_heavy',
  'abnormal_listed',
  'abnormal_removed',
  'serious_violation_listed',
  'serious_violation_removed',
];

/**
 * Version 0, in force until a version is published (design choice, domain.md §8): base 85, A ≥ 90, B ≥ 75,
 * C ≥ 60, else D; penalties and lists count 36 months, everything else 24.
 */
export const DEFAULT_SCORING_POLICY: ScoringPolicy = Object.freeze({
  version: 0,
  effectiveFrom: '0001-01-01',
  basePoints: 85,
  points: pointsOf({
    inspection_passed: 3,
    inspection_failed: -15,
    follow_up_passed: 3,
    follow_up_failed: -10,
    declaration_missing: -10,
    declaration_late: -3,
    redeclaration_overdue: -5,
    complaint_substantiated: -3,
    report_substantiated: -5,
    public_notice: -10,
    suspension: -20,
    licence_revocation: -40,
    penalty_warning: -5,
    penalty_fine: -20,
    penalty_heavy: -40,
    abnormal_listed: -10,
    serious_violation_listed: -40,
  }),
  validityMonths: Object.fromEntries(ENTRY_KINDS.map((k) => [k, PENALTY_AND_LIST_KINDS.includes(k) ? 36 : 24])) as Record<EntryKind, number | null>,
  thresholds: Object.freeze({ A: 90, B: 75, C: 60 }),
  listFloors: Object.freeze({ abnormal: 'C', serious_violation: 'D' }) as ListFloors,
  note: 'Built-in default (version 0)',
}) as ScoringPolicy;

/** The policy in force on a date: the highest version with effectiveFrom ≤ date, else version 0 (design choice, docs/credit.md). */
export const policyInForceOn = (versions: readonly ScoringPolicy[], date: string): ScoringPolicy =>
  versions.filter((v) => v.effectiveFrom <= date).reduce<ScoringPolicy>((best, v) => (v.version > best.version ? v : best), DEFAULT_SCORING_POLICY);

/** Version n+1's effectiveFrom must not precede version n's (design choice, docs/credit.md). */
export const effectiveFromFollows = (previous: ScoringPolicy | null, effectiveFrom: string): boolean => previous === null || effectiveFrom >= previous.effectiveFrom;

/** A version never takes effect before the day it is published, so no earlier class is rewritten (design choice). */
export const effectiveFromNotPast = (effectiveFrom: string, publishedOn: string): boolean => effectiveFrom >= publishedOn;

/** Thresholds must be strictly decreasing A > B > C, so every score has one class (design choice). */
export const thresholdsOrdered = (t: ScoreThresholds): boolean => t.A > t.B && t.B > t.C;

/** The class of a score under the thresholds: ≥ A → A, ≥ B → B, ≥ C → C, else D (design choice, docs/credit.md). */
export const classOfScore = (score: number, t: ScoreThresholds): RiskClass => (score >= t.A ? 'A' : score >= t.B ? 'B' : score >= t.C ? 'C' : 'D');

const wholeIn = (v: unknown, limit: number): v is number => typeof v === 'number' && Number.isInteger(v) && Math.abs(v) <= limit;

/** What a published version may hold: points and thresholds whole numbers within ±scoringPointsLimit (default 1000), validity 1–scoringMaxValidityMonths (default 240) months or null (design choice). */
export type ScoringPolicyLimits = Pick<CreditPolicy, 'scoringPointsLimit' | 'scoringMaxValidityMonths'>;

/** The content of a version to publish, checked field by field (every failure at once). Version and date come from the decider. */
export const validateScoringPolicyContent = (data: unknown, limits: ScoringPolicyLimits = DEFAULT_CREDIT_POLICY): Omit<ScoringPolicy, 'version'> => {
  const pointLimit = limits.scoringPointsLimit;
  const maxValidityMonths = limits.scoringMaxValidityMonths;
  const errors: FieldError[] = [];
  const d = isRecord(data) ? data : {};
  const effectiveFrom = d.effectiveFrom;
  if (typeof effectiveFrom !== 'string' || !isCalendarDate(effectiveFrom)) errors.push({ field: 'effectiveFrom', rule: 'date', message: 'must be a real calendar date YYYY-MM-DD' });
  if (!wholeIn(d.basePoints, pointLimit)) errors.push({ field: 'basePoints', rule: 'integer_range', message: `must be a whole number from -${pointLimit} to ${pointLimit}` });
  const points = isRecord(d.points) ? d.points : null;
  if (points === null) errors.push({ field: 'points', rule: 'required', message: 'must give the points of every entry kind' });
  const validity = isRecord(d.validityMonths) ? d.validityMonths : null;
  if (validity === null) errors.push({ field: 'validityMonths', rule: 'required', message: 'must give the validity of every entry kind' });
  for (const k of ENTRY_KINDS) {
    if (points && !wholeIn(points[k], pointLimit)) errors.push({ field: `points.${k}`, rule: 'integer_range', message: `must be a whole number from -${pointLimit} to ${pointLimit}` });
    if (validity && validity[k] !== null && !(wholeIn(validity[k], maxValidityMonths) && (validity[k] as number) >= 1)) {
      errors.push({ field: `validityMonths.${k}`, rule: 'integer_range', message: `must be null or a whole number of months from 1 to ${maxValidityMonths}` });
    }
  }
  for (const [field, obj] of [['points', points], ['validityMonths', validity]] as const) {
    if (obj) for (const k of Object.keys(obj)) if (!(ENTRY_KINDS as readonly string[]).includes(k)) errors.push({ field: `${field}.${k}`, rule: 'unknown', message: `is not an entry kind (${ENTRY_KINDS.join(', ')})` });
  }
  const t = isRecord(d.thresholds) ? d.thresholds : null;
  if (t === null) errors.push({ field: 'thresholds', rule: 'required', message: 'must give A, B and C' });
  else {
    for (const c of ['A', 'B', 'C'] as const) if (!wholeIn(t[c], pointLimit)) errors.push({ field: `thresholds.${c}`, rule: 'integer_range', message: `must be a whole number from -${pointLimit} to ${pointLimit}` });
    if (errors.every((e) => !e.field.startsWith('thresholds')) && !thresholdsOrdered(t as unknown as ScoreThresholds)) {
      errors.push({ field: 'thresholds', rule: 'ordered', message: 'must satisfy A > B > C' });
    }
  }
  const f = d.listFloors;
  if (f !== undefined && !(isRecord(f) && f.abnormal === 'C' && f.serious_violation === 'D')) {
    errors.push({ field: 'listFloors', rule: 'fixed', message: "must be { abnormal: 'C', serious_violation: 'D' }" });
  }
  const note = typeof d.note === 'string' ? d.note.trim() : '';
  if (note === '' || note.length > 2000) errors.push({ field: 'note', rule: 'required', message: 'must be 1–2000 characters' });
  if (errors.length) throw new ValidationError(errors, SCORING_POLICY_ERROR_CODES.VALIDATION);
  return {
    effectiveFrom: effectiveFrom as string,
    basePoints: d.basePoints as number,
    points: Object.fromEntries(ENTRY_KINDS.map((k) => [k, (points as Record<string, number>)[k]])) as Record<EntryKind, number>,
    validityMonths: Object.fromEntries(ENTRY_KINDS.map((k) => [k, (validity as Record<string, number | null>)[k] ?? null])) as Record<EntryKind, number | null>,
    thresholds: { A: (t as Record<string, number>).A, B: (t as Record<string, number>).B, C: (t as Record<string, number>).C },
    listFloors: { abnormal: 'C', serious_violation: 'D' },
    note,
  };
};

/** The versions a policy stream holds, in order (what `policyInForceOn` reads). */
export const scoringPolicyOf = (e: { version: number; effectiveFrom: string; basePoints: number; points: Record<EntryKind, number>; validityMonths: Record<EntryKind, number | null>; thresholds: ScoreThresholds; listFloors: ListFloors; note: string }): ScoringPolicy => ({
  version: e.version,
  effectiveFrom: e.effectiveFrom,
  basePoints: e.basePoints,
  points: e.points,
  validityMonths: e.validityMonths,
  thresholds: e.thresholds,
  listFloors: e.listFloors,
  note: e.note,
});
