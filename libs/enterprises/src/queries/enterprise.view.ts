import { toBigInt } from '@regledger/database';

/** An enterprise as the public sees it. */
export interface EnterpriseView {
  uscc: string;
  name: string;
  formerNames: { name: string; until: string }[];
  jurisdiction: string;
  address: string;
  industry: string;
  status: 'registered' | 'deregistered';
  registeredOn: string;
  deregisteredOn: string | null;
  revision: string;
  updatedAt: string;
}

export interface EnterpriseRow {
  uscc: string;
  name: string;
  former_names: { name: string; until: string }[] | string;
  jurisdiction: string;
  address: string;
  industry: string;
  status: 'registered' | 'deregistered';
  registered_on: string;
  deregistered_on: string | null;
  stream_revision: string | number;
  updated_at: Date | string;
}

export const ENTERPRISE_COLUMNS =
  "uscc, name, former_names, jurisdiction, address, industry, status, to_char(registered_on, 'YYYY-MM-DD') as registered_on, to_char(deregistered_on, 'YYYY-MM-DD') as deregistered_on, stream_revision, updated_at";

export const toEnterpriseView = (r: EnterpriseRow): EnterpriseView => ({
  uscc: r.uscc,
  name: r.name,
  formerNames: typeof r.former_names === 'string' ? (JSON.parse(r.former_names) as EnterpriseView['formerNames']) : r.former_names,
  jurisdiction: r.jurisdiction,
  address: r.address,
  industry: r.industry,
  status: r.status,
  registeredOn: r.registered_on,
  deregisteredOn: r.deregistered_on,
  revision: toBigInt(r.stream_revision).toString(),
  updatedAt: new Date(r.updated_at).toISOString(),
});
