import { ConflictError, RuleViolation, ValidationError, checkCommandDate, type Command, type Decider, type FieldError } from '@regledger/shared';
import { assertMayPublishScoringPolicy } from '../credit-access.policy.js';
import { DEFAULT_CREDIT_POLICY, SCORING_POLICY_ERROR_CODES } from '../credit.rules.js';
import type { ScoringPolicyEvent } from './scoring-policy.events.js';
import { effectiveFromFollows, effectiveFromNotPast, scoringPolicyOf, validateScoringPolicyContent, type ScoringPolicy, type ScoringPolicyLimits } from './scoring-policy.rules.js';

export interface PublishScoringPolicyData {
  /** The version the publisher expects to create; refused when another was published meanwhile. Optional. */
  version?: number;
  effectiveFrom: string;
  basePoints: number;
  points: unknown;
  validityMonths: unknown;
  thresholds: unknown;
  listFloors?: unknown;
  note: string;
}

export type PublishScoringPolicy = Command<'PublishScoringPolicy', PublishScoringPolicyData>;
export type ScoringPolicyCommand = PublishScoringPolicy;

export interface ScoringPolicyState {
  versions: ScoringPolicy[];
}

const INITIAL: ScoringPolicyState = Object.freeze({ versions: [] }) as unknown as ScoringPolicyState;

/** The published versions, folded from `credit-scoring-policy`; a new version is checked against the configured limits (design choice). */
export const scoringPolicyDeciderWith = (limits: ScoringPolicyLimits = DEFAULT_CREDIT_POLICY): Decider<ScoringPolicyCommand, ScoringPolicyEvent, ScoringPolicyState> => ({
  initialState: () => INITIAL,
  evolve(state, event) {
    if (event.type !== 'ScoringPolicyPublished') return state;
    return { versions: [...state.versions, scoringPolicyOf(event.data)] };
  },
  decide(command, state) {
    assertMayPublishScoringPolicy(command.metadata.actor);
    const errors: FieldError[] = [];
    const today = checkCommandDate(command.metadata.now, errors);
    if (errors.length) throw new ValidationError(errors, SCORING_POLICY_ERROR_CODES.VALIDATION);
    const content = validateScoringPolicyContent(command.data, limits);
    const previous = state.versions.length ? state.versions[state.versions.length - 1] : null;
    const version = (previous?.version ?? 0) + 1;
    if (command.data.version !== undefined && command.data.version !== version) {
      throw new ConflictError(SCORING_POLICY_ERROR_CODES.VERSION_CONFLICT, `the next version is ${version}, not ${command.data.version}`, { expected: command.data.version, next: version });
    }
    if (!effectiveFromNotPast(content.effectiveFrom, today)) {
      throw new RuleViolation(SCORING_POLICY_ERROR_CODES.EFFECTIVE_IN_PAST, `a version takes effect today (${today}) or later, not ${content.effectiveFrom}`, { effectiveFrom: content.effectiveFrom, today });
    }
    if (!effectiveFromFollows(previous, content.effectiveFrom)) {
      throw new RuleViolation(SCORING_POLICY_ERROR_CODES.EFFECTIVE_BEFORE_PREVIOUS, `version ${version} cannot take effect before version ${previous?.version} (${previous?.effectiveFrom})`, {
        effectiveFrom: content.effectiveFrom,
        previousEffectiveFrom: previous?.effectiveFrom,
      });
    }
    return [{ type: 'ScoringPolicyPublished', data: { version, ...content, publishedOn: today } }];
  },
});

/** The scoring policy decider with the default limits. */
export const scoringPolicyDecider = scoringPolicyDeciderWith();

/** The versions a recorded policy stream holds (for the record's decisions and the explanation). */
export const scoringPoliciesFrom = (events: readonly { type: string; data: unknown }[]): ScoringPolicy[] =>
  events.filter((e) => e.type === 'ScoringPolicyPublished').map((e) => scoringPolicyOf(e.data as ScoringPolicy));
