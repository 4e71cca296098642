/** An inspector as the read side shows it to officials. */
export interface InspectorView {
  inspectorId: string;
  name: string;
  jurisdiction: string;
  active: boolean;
  qualifications: string[];
  conflicts: string[];
  deactivationReason: string | null;
  registeredOn: string;
  revision: number;
}

export interface InspectorRow {
  inspector_id: string;
  name: string;
  jurisdiction: string;
  active: boolean;
  qualifications: string[];
  conflicts: string[];
  deactivation_reason: string | null;
  registered_on: string;
  stream_revision: string;
}

export const INSPECTOR_COLUMNS =
  "inspector_id, name, jurisdiction, active, qualifications, conflicts, deactivation_reason, to_char(registered_on, 'YYYY-MM-DD') as registered_on, stream_revision::text as stream_revision";

export const toInspectorView = (r: InspectorRow): InspectorView => ({
  inspectorId: r.inspector_id,
  name: r.name,
  jurisdiction: r.jurisdiction,
  active: r.active,
  qualifications: r.qualifications,
  conflicts: r.conflicts,
  deactivationReason: r.deactivation_reason,
  registeredOn: r.registered_on,
  revision: Number(r.stream_revision),
});
