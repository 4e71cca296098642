import type { Command } from '@regledger/shared';

export interface RegisterInspectorData {
  inspectorId: string;
  name: string;
  jurisdiction: string;
  qualifications: string[];
  conflicts?: string[];
}

export interface UpdateInspectorQualificationsData {
  inspectorId: string;
  qualifications: string[];
}

export interface DeclareInspectorConflictData {
  inspectorId: string;
  uscc: string;
}

export interface WithdrawInspectorConflictData {
  inspectorId: string;
  uscc: string;
}

export interface DeactivateInspectorData {
  inspectorId: string;
  reason: string;
}

export interface ReactivateInspectorData {
  inspectorId: string;
}

export type RegisterInspector = Command<'RegisterInspector', RegisterInspectorData>;
export type UpdateInspectorQualifications = Command<'UpdateInspectorQualifications', UpdateInspectorQualificationsData>;
export type DeclareInspectorConflict = Command<'DeclareInspectorConflict', DeclareInspectorConflictData>;
export type WithdrawInspectorConflict = Command<'WithdrawInspectorConflict', WithdrawInspectorConflictData>;
export type DeactivateInspector = Command<'DeactivateInspector', DeactivateInspectorData>;
export type ReactivateInspector = Command<'ReactivateInspector', ReactivateInspectorData>;

export type InspectorCommand =
  | RegisterInspector
  | UpdateInspectorQualifications
  | DeclareInspectorConflict
  | WithdrawInspectorConflict
  | DeactivateInspector
  | ReactivateInspector;

export type InspectorCommandType = InspectorCommand['type'];
