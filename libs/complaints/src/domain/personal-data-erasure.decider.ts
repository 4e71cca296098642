import { ForbiddenError, ValidationError, checkText, type Actor, type Command, type Decider, type FieldError } from '@regledger/shared';
import type { PersonalDataErased } from './personal-data-erasure.events.js';

export const PERSONAL_DATA_ERROR_CODES = Object.freeze({
  VALIDATION_FAILED: 'PERSONAL_DATA.VALIDATION_FAILED',
  FORBIDDEN: 'PERSONAL_DATA.FORBIDDEN',
  SUBJECT_NOT_FOUND: 'PERSONAL_DATA.SUBJECT_NOT_FOUND',
  NOT_SEALED: 'PERSONAL_DATA.NOT_SEALED',
} as const);

/** The longest erasure reason recorded (design choice). */
export const ERASURE_REASON_MAX_LENGTH = 500;

export interface RecordPersonalDataErasureData {
  subjectId: string;
  /** The keys the key store has erased for the subject (this time or earlier). */
  keyIds: string[];
  /** ISO 8601 instant of the erasure. */
  erasedAt: string;
  reason: string;
}

export type PersonalDataErasureCommand = Command<'RecordPersonalDataErasure', RecordPersonalDataErasureData>;

/** The erasures recorded for one subject. */
export interface PersonalDataErasureState {
  subjectId: string | null;
  erasedKeyIds: string[];
  erasures: number;
}

/** Personal data is erased on a PIPL request by an administrator only (PIPL art. 47; design choice: admin). */
export const mayErasePersonalData = (actor: Actor): boolean => actor.role === 'admin';

export const assertMayErasePersonalData = (actor: Actor): void => {
  if (!mayErasePersonalData(actor)) {
    throw new ForbiddenError(PERSONAL_DATA_ERROR_CODES.FORBIDDEN, `a ${actor.role} may not erase personal data`, { role: actor.role });
  }
};

/** The keys of an erasure not recorded yet: recording an erasure again records nothing (idempotent). */
export const keysNotYetRecorded = (state: PersonalDataErasureState, keyIds: readonly string[]): string[] =>
  [...new Set(keyIds)].filter((k) => !state.erasedKeyIds.includes(k)).sort();

const INITIAL: PersonalDataErasureState = Object.freeze({ subjectId: null, erasedKeyIds: [], erasures: 0 }) as unknown as PersonalDataErasureState;

const validate = (data: RecordPersonalDataErasureData): RecordPersonalDataErasureData => {
  const errors: FieldError[] = [];
  const reason = checkText('reason', data.reason, ERASURE_REASON_MAX_LENGTH, errors);
  if (typeof data.subjectId !== 'string' || !data.subjectId) errors.push({ field: 'subjectId', rule: 'required', message: 'is required' });
  if (!Array.isArray(data.keyIds) || !data.keyIds.every((k) => typeof k === 'string' && k)) errors.push({ field: 'keyIds', rule: 'strings', message: 'must be key ids' });
  if (typeof data.erasedAt !== 'string' || Number.isNaN(Date.parse(data.erasedAt))) errors.push({ field: 'erasedAt', rule: 'instant', message: 'must be an ISO 8601 instant' });
  if (errors.length) throw new ValidationError(errors, PERSONAL_DATA_ERROR_CODES.VALIDATION_FAILED);
  return { ...data, reason };
};

/**
 * Records that a subject's keys were erased, on its own stream `personal-data-<subjectId>`: once per key;
 * the event carries no personal data, only the pseudonym, the key ids, when and why.
 */
export const personalDataErasureDecider: Decider<PersonalDataErasureCommand, PersonalDataErased, PersonalDataErasureState> = {
  initialState: () => INITIAL,
  decide(command, state) {
    assertMayErasePersonalData(command.metadata.actor);
    const d = validate(command.data);
    const keyIds = keysNotYetRecorded(state, d.keyIds);
    if (!keyIds.length) return [];
    return [{ type: 'PersonalDataErased', data: { subjectId: d.subjectId, keyIds, erasedAt: d.erasedAt, reason: d.reason } }];
  },
  evolve(state, event) {
    if (event.type !== 'PersonalDataErased') return state;
    return {
      subjectId: event.data.subjectId,
      erasedKeyIds: [...state.erasedKeyIds, ...event.data.keyIds.filter((k) => !state.erasedKeyIds.includes(k))],
      erasures: state.erasures + 1,
    };
  },
};
