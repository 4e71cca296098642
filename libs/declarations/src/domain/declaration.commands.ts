import type { Command } from '@regledger/shared';
import type { DeclarationContent, DeclarationPolicy, EnterpriseFacts } from './declaration.types.js';

/** An enterprise discloses a standard it executes (Standardization Law art. 27). */
export interface DeclareStandardData {
  declarationId: string;
  uscc: string;
  content: DeclarationContent;
  enterprise: EnterpriseFacts;
  policy: DeclarationPolicy;
}

/** Review: the standard was revised and is declared again as a new version (domain.md §3). */
export interface ReviseDeclarationData {
  declarationId: string;
  uscc: string;
  content: DeclarationContent;
  /** YYYY-MM-DD: the first day the new version is in force. */
  effectiveFrom: string;
  enterprise: EnterpriseFacts;
  policy: DeclarationPolicy;
}

/** Review: the standard continues valid (domain.md §3). */
export interface ConfirmDeclarationData {
  declarationId: string;
  uscc: string;
  enterprise: EnterpriseFacts;
}

/** Review: the standard is abolished from `effectiveDate` on (domain.md §3). */
export interface AbolishDeclarationData {
  declarationId: string;
  uscc: string;
  /** YYYY-MM-DD. */
  effectiveDate: string;
  enterprise: EnterpriseFacts;
}

/** The declaration is declared again under the enterprise's current name (domain.md §3, Guangdong plan). */
export interface RedeclareStandardData {
  declarationId: string;
  uscc: string;
  enterprise: EnterpriseFacts;
}

/** Sent by the policy reacting to `EnterpriseRenamed`; only the `system` role sends it. */
export interface RequireRedeclarationData {
  uscc: string;
  previousName: string;
  newName: string;
  /** YYYY-MM-DD: the rename's effective date. */
  renamedOn: string;
  /** Id of the `EnterpriseRenamed` event reacted to; the same id is handled once. */
  sourceEventId: string;
  policy: DeclarationPolicy;
}

/** Sent by the scheduler; only the `system` role sends it. Harmless to repeat. */
export interface RecordRedeclarationOverdueData {
  declarationId: string;
  uscc: string;
}

export type DeclareStandard = Command<'DeclareStandard', DeclareStandardData>;
export type ReviseDeclaration = Command<'ReviseDeclaration', ReviseDeclarationData>;
export type ConfirmDeclaration = Command<'ConfirmDeclaration', ConfirmDeclarationData>;
export type AbolishDeclaration = Command<'AbolishDeclaration', AbolishDeclarationData>;
export type RedeclareStandard = Command<'RedeclareStandard', RedeclareStandardData>;
export type RequireRedeclaration = Command<'RequireRedeclaration', RequireRedeclarationData>;
export type RecordRedeclarationOverdue = Command<'RecordRedeclarationOverdue', RecordRedeclarationOverdueData>;

export type DeclarationCommand =
  | DeclareStandard
  | ReviseDeclaration
  | ConfirmDeclaration
  | AbolishDeclaration
  | RedeclareStandard
  | RequireRedeclaration
  | RecordRedeclarationOverdue;

export type DeclarationCommandType = DeclarationCommand['type'];

export const DECLARATION_COMMAND_TYPES = [
  'DeclareStandard',
  'ReviseDeclaration',
  'ConfirmDeclaration',
  'AbolishDeclaration',
  'RedeclareStandard',
  'RequireRedeclaration',
  'RecordRedeclarationOverdue',
] as const satisfies readonly DeclarationCommandType[];
