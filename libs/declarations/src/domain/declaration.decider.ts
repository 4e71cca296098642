import { DomainError } from '@regledger/shared';
import type { Actor, Decider } from '@regledger/shared';
import {
  assertDeclarationJurisdictionScope,
  assertDeclarationUsccScope,
  assertRoleMayPerformDeclarationAction,
} from './declaration-access.policy.js';
import type { DeclarationAction } from './declaration-access.policy.js';
import type {
  AbolishDeclaration,
  ConfirmDeclaration,
  DeclarationCommand,
  DeclareStandard,
  RecordRedeclarationOverdue,
  RedeclareStandard,
  RequireRedeclaration,
  ReviseDeclaration,
} from './declaration.commands.js';
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
import {
  DECLARATION_ERROR_CODES,
  assertAbolitionEffectiveDate,
  assertDeclarationIdFree,
  assertEnterpriseNotDeregistered,
  assertEnterpriseRegistered,
  assertKnownDeclaration,
  assertNoDuplicateDeclaration,
  assertNotAbolished,
  assertPendingRedeclaration,
  assertRevisionEffectiveFrom,
  declarationsToRedeclare,
  lateReasons,
  revisionLateReasons,
  redeclarationDeadline,
  redeclarationIsOverdue,
  renameAlreadyHandled,
  validateAbolishDeclaration,
  validateConfirmDeclaration,
  validateDeclareStandard,
  validateRecordRedeclarationOverdue,
  validateRedeclareStandard,
  validateRequireRedeclaration,
  validateReviseDeclaration,
} from './declaration.rules.js';
import type { DeclarationContent, DeclarationStatus, EnterpriseFacts } from './declaration.types.js';

/** One version of a declaration as declared or revised. */
export interface DeclarationVersionRecord {
  version: number;
  content: DeclarationContent;
  /** YYYY-MM-DD. */
  effectiveFrom: string;
  enterpriseName: string;
  /** Empty when the version was declared in time. */
  lateReasons: readonly LateReason[];
}

/** One declaration of the enterprise as its events leave it. */
export interface DeclarationRecord {
  declarationId: string;
  uscc: string;
  status: DeclarationStatus;
  /** The current version. */
  version: number;
  content: DeclarationContent;
  /** YYYY-MM-DD: the current version's first day. */
  effectiveFrom: string;
  /** YYYY-MM-DD: the day of the first declaration. */
  declaredOn: string;
  /** The enterprise's name at the last declaration, revision or re-declaration. */
  enterpriseName: string;
  jurisdiction: string;
  /** Every version, oldest first. */
  versions: readonly DeclarationVersionRecord[];
  /** YYYY-MM-DD of the last confirmation. */
  lastReviewedOn: string | null;
  /** YYYY-MM-DD the abolition took effect. */
  abolishedOn: string | null;
  /** YYYY-MM-DD: the last day to declare again, while `to_be_redeclared`. */
  redeclareDeadline: string | null;
  /** Whether the re-declaration deadline passed and was recorded. */
  overdue: boolean;
}

/** All declarations of one enterprise: its declarations stream folded. */
export interface DeclarationsState {
  uscc: string | null;
  declarations: Readonly<Record<string, DeclarationRecord>>;
  /** Declaration ids in the order they were declared. */
  order: readonly string[];
  /** Ids of the EnterpriseRenamed events already turned into RedeclarationRequired. */
  handledRenameSourceIds: readonly string[];
}

const INITIAL_STATE: DeclarationsState = Object.freeze({
  uscc: null,
  declarations: Object.freeze({}) as Readonly<Record<string, DeclarationRecord>>,
  order: Object.freeze([]) as readonly string[],
  handledRenameSourceIds: Object.freeze([]) as readonly string[],
});

/** USCC scope, registration, jurisdiction scope and deregistration, in that order, for commands users send. */
const admitEnterpriseCommand = (actor: Actor, action: DeclarationAction, uscc: string, enterprise: EnterpriseFacts): void => {
  assertDeclarationUsccScope(actor, action, uscc);
  assertEnterpriseRegistered(enterprise, uscc);
  assertDeclarationJurisdictionScope(actor, action, enterprise.jurisdiction);
  assertEnterpriseNotDeregistered(enterprise, uscc);
};

const markedLate = (declarationId: string, uscc: string, version: number, reasons: LateReason[]): DeclarationMarkedLate[] =>
  reasons.length === 0 ? [] : [{ type: 'DeclarationMarkedLate', data: { declarationId, uscc, version, reasons } }];

/** The enterprise (or a covering supervisor, or admin) declares a standard; version 1 is in force from today. */
const declare = (command: DeclareStandard, state: DeclarationsState): Array<StandardDeclared | DeclarationMarkedLate> => {
  const { actor, now } = command.metadata;
  assertRoleMayPerformDeclarationAction(actor, 'declare');
  const { data, today } = validateDeclareStandard(command.data, now);
  admitEnterpriseCommand(actor, 'declare', data.uscc, data.enterprise);
  assertDeclarationIdFree(state, data.declarationId);
  assertNoDuplicateDeclaration(state, data.uscc, data.content, null);
  return [
    {
      type: 'StandardDeclared',
      data: {
        declarationId: data.declarationId,
        uscc: data.uscc,
        enterpriseName: data.enterprise.name as string,
        jurisdiction: data.enterprise.jurisdiction as string,
        version: 1,
        content: data.content,
        effectiveFrom: today,
        declaredOn: today,
      },
    },
    ...markedLate(data.declarationId, data.uscc, 1, lateReasons(data.content, today, data.policy)),
  ];
};

/** A revised standard is declared again as the next version, under the enterprise's current name. */
const revise = (command: ReviseDeclaration, state: DeclarationsState): Array<DeclarationRevised | DeclarationMarkedLate> => {
  const { actor, now } = command.metadata;
  assertRoleMayPerformDeclarationAction(actor, 'revise');
  const { data, today } = validateReviseDeclaration(command.data, now);
  admitEnterpriseCommand(actor, 'revise', data.uscc, data.enterprise);
  const record = assertKnownDeclaration(state, data.declarationId, data.uscc);
  assertNotAbolished(record);
  assertRevisionEffectiveFrom(record, data.effectiveFrom);
  assertNoDuplicateDeclaration(state, data.uscc, data.content, data.declarationId);
  const version = record.version + 1;
  return [
    {
      type: 'DeclarationRevised',
      data: {
        declarationId: data.declarationId,
        uscc: data.uscc,
        version,
        enterpriseName: data.enterprise.name as string,
        content: data.content,
        effectiveFrom: data.effectiveFrom,
      },
    },
    ...markedLate(data.declarationId, data.uscc, version, revisionLateReasons(record.content, data.content, today, data.policy)),
  ];
};

/** Review: the standard continues valid. */
const confirm = (command: ConfirmDeclaration, state: DeclarationsState): DeclarationConfirmed[] => {
  const { actor, now } = command.metadata;
  assertRoleMayPerformDeclarationAction(actor, 'confirm');
  const { data, today } = validateConfirmDeclaration(command.data, now);
  admitEnterpriseCommand(actor, 'confirm', data.uscc, data.enterprise);
  const record = assertKnownDeclaration(state, data.declarationId, data.uscc);
  assertNotAbolished(record);
  return [{ type: 'DeclarationConfirmed', data: { declarationId: data.declarationId, uscc: data.uscc, version: record.version, reviewedOn: today } }];
};

/** Review: the standard is abolished. */
const abolish = (command: AbolishDeclaration, state: DeclarationsState): DeclarationAbolished[] => {
  const { actor, now } = command.metadata;
  assertRoleMayPerformDeclarationAction(actor, 'abolish');
  const { data } = validateAbolishDeclaration(command.data, now);
  admitEnterpriseCommand(actor, 'abolish', data.uscc, data.enterprise);
  const record = assertKnownDeclaration(state, data.declarationId, data.uscc);
  assertNotAbolished(record);
  assertAbolitionEffectiveDate(record, data.effectiveDate);
  return [
    {
      type: 'DeclarationAbolished',
      data: { declarationId: data.declarationId, uscc: data.uscc, version: record.version, effectiveDate: data.effectiveDate },
    },
  ];
};

/** A declaration waiting after a change of name is declared again under the enterprise's current name. */
const redeclare = (command: RedeclareStandard, state: DeclarationsState): DeclarationRedeclared[] => {
  const { actor, now } = command.metadata;
  assertRoleMayPerformDeclarationAction(actor, 'redeclare');
  const { data } = validateRedeclareStandard(command.data, now);
  admitEnterpriseCommand(actor, 'redeclare', data.uscc, data.enterprise);
  const record = assertKnownDeclaration(state, data.declarationId, data.uscc);
  assertNotAbolished(record);
  assertPendingRedeclaration(record);
  return [
    {
      type: 'DeclarationRedeclared',
      data: { declarationId: data.declarationId, uscc: data.uscc, version: record.version, enterpriseName: data.enterprise.name as string },
    },
  ];
};

/** The system turns a change of name into a re-declaration requirement for every active declaration, once per rename. */
const requireRedeclaration = (command: RequireRedeclaration, state: DeclarationsState): RedeclarationRequired[] => {
  const { actor, now } = command.metadata;
  assertRoleMayPerformDeclarationAction(actor, 'require_redeclaration');
  const { data } = validateRequireRedeclaration(command.data, now);
  if (renameAlreadyHandled(state, data.sourceEventId)) return [];
  const declarationIds = declarationsToRedeclare(state, data.uscc, data.newName);
  if (declarationIds.length === 0) return [];
  return [
    {
      type: 'RedeclarationRequired',
      data: {
        uscc: data.uscc,
        previousName: data.previousName,
        newName: data.newName,
        renamedOn: data.renamedOn,
        deadline: redeclarationDeadline(data.renamedOn, data.policy),
        declarationIds,
        sourceEventId: data.sourceEventId,
      },
    },
  ];
};

/** The scheduler records a passed re-declaration deadline once; otherwise nothing happens, so it may retry. */
const recordOverdue = (command: RecordRedeclarationOverdue, state: DeclarationsState): RedeclarationOverdue[] => {
  const { actor, now } = command.metadata;
  assertRoleMayPerformDeclarationAction(actor, 'record_redeclaration_overdue');
  const { data, today } = validateRecordRedeclarationOverdue(command.data, now);
  const record = assertKnownDeclaration(state, data.declarationId, data.uscc);
  if (!redeclarationIsOverdue(record, today)) return [];
  return [
    {
      type: 'RedeclarationOverdue',
      data: { declarationId: data.declarationId, uscc: data.uscc, deadline: record.redeclareDeadline as string, recordedOn: today },
    },
  ];
};

const decide = (command: DeclarationCommand, state: DeclarationsState): DeclarationEvent[] => {
  switch (command.type) {
    case 'DeclareStandard':
      return declare(command, state);
    case 'ReviseDeclaration':
      return revise(command, state);
    case 'ConfirmDeclaration':
      return confirm(command, state);
    case 'AbolishDeclaration':
      return abolish(command, state);
    case 'RedeclareStandard':
      return redeclare(command, state);
    case 'RequireRedeclaration':
      return requireRedeclaration(command, state);
    case 'RecordRedeclarationOverdue':
      return recordOverdue(command, state);
    default: {
      const unknown: never = command;
      throw new DomainError(DECLARATION_ERROR_CODES.UNKNOWN_COMMAND, 'validation', 'unknown declaration command', {
        type: (unknown as { type?: unknown }).type,
      });
    }
  }
};

/** The state with one declaration replaced; unknown ids leave the state as it is. */
const updateRecord = (
  state: DeclarationsState,
  declarationId: string,
  change: (record: DeclarationRecord) => DeclarationRecord,
): DeclarationsState => {
  if (!Object.hasOwn(state.declarations, declarationId)) return state;
  return { ...state, declarations: { ...state.declarations, [declarationId]: change(state.declarations[declarationId]) } };
};

const evolve = (state: DeclarationsState, event: DeclarationEvent): DeclarationsState => {
  switch (event.type) {
    case 'StandardDeclared': {
      const d = event.data;
      const record: DeclarationRecord = {
        declarationId: d.declarationId,
        uscc: d.uscc,
        status: 'active',
        version: d.version,
        content: d.content,
        effectiveFrom: d.effectiveFrom,
        declaredOn: d.declaredOn,
        enterpriseName: d.enterpriseName,
        jurisdiction: d.jurisdiction,
        versions: [{ version: d.version, content: d.content, effectiveFrom: d.effectiveFrom, enterpriseName: d.enterpriseName, lateReasons: [] }],
        lastReviewedOn: null,
        abolishedOn: null,
        redeclareDeadline: null,
        overdue: false,
      };
      const known = Object.hasOwn(state.declarations, d.declarationId);
      return {
        ...state,
        uscc: state.uscc ?? d.uscc,
        declarations: { ...state.declarations, [d.declarationId]: record },
        order: known ? state.order : [...state.order, d.declarationId],
      };
    }
    case 'DeclarationMarkedLate': {
      const d = event.data;
      return updateRecord(state, d.declarationId, (r) => ({
        ...r,
        versions: r.versions.map((v) => (v.version === d.version ? { ...v, lateReasons: d.reasons } : v)),
      }));
    }
    case 'DeclarationRevised': {
      const d = event.data;
      return updateRecord(state, d.declarationId, (r) => ({
        ...r,
        status: r.status === 'to_be_redeclared' ? 'active' : r.status,
        version: d.version,
        content: d.content,
        effectiveFrom: d.effectiveFrom,
        enterpriseName: d.enterpriseName,
        versions: [...r.versions, { version: d.version, content: d.content, effectiveFrom: d.effectiveFrom, enterpriseName: d.enterpriseName, lateReasons: [] }],
        redeclareDeadline: null,
        overdue: false,
      }));
    }
    case 'DeclarationConfirmed': {
      const d = event.data;
      return updateRecord(state, d.declarationId, (r) => ({ ...r, lastReviewedOn: d.reviewedOn }));
    }
    case 'DeclarationAbolished': {
      const d = event.data;
      return updateRecord(state, d.declarationId, (r) => ({
        ...r,
        status: 'abolished',
        abolishedOn: d.effectiveDate,
        redeclareDeadline: null,
        overdue: false,
      }));
    }
    case 'RedeclarationRequired': {
      const d = event.data;
      const handled = { ...state, handledRenameSourceIds: [...state.handledRenameSourceIds, d.sourceEventId] };
      return d.declarationIds.reduce<DeclarationsState>(
        (s, id) => updateRecord(s, id, (r) => ({ ...r, status: 'to_be_redeclared', redeclareDeadline: d.deadline, overdue: false })),
        handled,
      );
    }
    case 'DeclarationRedeclared': {
      const d = event.data;
      return updateRecord(state, d.declarationId, (r) => ({
        ...r,
        status: 'active',
        enterpriseName: d.enterpriseName,
        redeclareDeadline: null,
        overdue: false,
      }));
    }
    case 'RedeclarationOverdue': {
      const d = event.data;
      return updateRecord(state, d.declarationId, (r) => ({ ...r, overdue: true }));
    }
    default:
      // An event type this version does not know leaves the state as it is.
      return state;
  }
};

export const declarationDecider: Decider<DeclarationCommand, DeclarationEvent, DeclarationsState> = {
  decide,
  evolve,
  initialState: () => INITIAL_STATE,
};
