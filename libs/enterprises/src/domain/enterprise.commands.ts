import type { Command } from '@regledger/shared';

export interface RegisterEnterpriseData {
  uscc: string;
  name: string;
  /** GB/T 2260 six-digit division code of the supervising authority. */
  jurisdiction: string;
  address: string;
  industry: string;
}

export interface RenameEnterpriseData {
  uscc: string;
  newName: string;
  /** YYYY-MM-DD: the first day of the new name. */
  effectiveDate: string;
}

export interface DeregisterEnterpriseData {
  uscc: string;
  /** YYYY-MM-DD. */
  effectiveDate: string;
  reason: string;
}

export type RegisterEnterprise = Command<'RegisterEnterprise', RegisterEnterpriseData>;
export type RenameEnterprise = Command<'RenameEnterprise', RenameEnterpriseData>;
export type DeregisterEnterprise = Command<'DeregisterEnterprise', DeregisterEnterpriseData>;

export type EnterpriseCommand = RegisterEnterprise | RenameEnterprise | DeregisterEnterprise;

export type EnterpriseCommandType = EnterpriseCommand['type'];

export const ENTERPRISE_COMMAND_TYPES = ['RegisterEnterprise', 'RenameEnterprise', 'DeregisterEnterprise'] as const satisfies readonly EnterpriseCommandType[];
