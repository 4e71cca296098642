/** A declaration as the public registry lists it. */
export interface DeclarationSummary {
  declarationId: string;
  uscc: string;
  enterpriseName: string;
  jurisdiction: string;
  status: 'active' | 'to_be_redeclared' | 'abolished';
  version: number;
  standard: { kind: string; number: string; title: string; mandatory: boolean };
  categories: string[];
  productCount: number;
  fullTextDisclosed: boolean;
  belowRecommended: boolean;
  late: boolean;
  declaredOn: string;
  effectiveFrom: string;
  abolishedOn: string | null;
  lastReviewedOn: string | null;
  redeclareDeadline: string | null;
  redeclarationOverdue: boolean;
  updatedAt: string;
}

export interface DeclarationRow {
  declaration_id: string;
  uscc: string;
  enterprise_name: string;
  jurisdiction: string;
  status: DeclarationSummary['status'];
  version: number;
  standard_kind: string;
  standard_number: string;
  standard_title: string;
  mandatory: boolean;
  categories: string[] | string;
  product_count: number;
  full_text_disclosed: boolean;
  below_recommended: boolean;
  late: boolean;
  declared_on: string;
  effective_from: string;
  abolished_on: string | null;
  last_reviewed_on: string | null;
  redeclare_deadline: string | null;
  redeclaration_overdue: boolean;
  updated_at: Date | string;
}

export const DECLARATION_COLUMNS = `declaration_id, uscc, enterprise_name, jurisdiction, status, version, standard_kind, standard_number, standard_title,
  mandatory, categories, product_count, full_text_disclosed, below_recommended, late,
  to_char(declared_on, 'YYYY-MM-DD') as declared_on, to_char(effective_from, 'YYYY-MM-DD') as effective_from,
  to_char(abolished_on, 'YYYY-MM-DD') as abolished_on, to_char(last_reviewed_on, 'YYYY-MM-DD') as last_reviewed_on,
  to_char(redeclare_deadline, 'YYYY-MM-DD') as redeclare_deadline, redeclaration_overdue, updated_at`;

/** `pg` gives text[] as an array; PGlite may give the literal `{a,b}`. */
const textArray = (v: string[] | string): string[] =>
  Array.isArray(v) ? v : v.replace(/^\{|\}$/g, '').split(',').filter(Boolean).map((s) => s.replace(/^"|"$/g, ''));

export const toDeclarationSummary = (r: DeclarationRow): DeclarationSummary => ({
  declarationId: r.declaration_id,
  uscc: r.uscc,
  enterpriseName: r.enterprise_name,
  jurisdiction: r.jurisdiction,
  status: r.status,
  version: Number(r.version),
  standard: { kind: r.standard_kind, number: r.standard_number, title: r.standard_title, mandatory: r.mandatory },
  categories: textArray(r.categories),
  productCount: Number(r.product_count),
  fullTextDisclosed: r.full_text_disclosed,
  belowRecommended: r.below_recommended,
  late: r.late,
  declaredOn: r.declared_on,
  effectiveFrom: r.effective_from,
  abolishedOn: r.abolished_on,
  lastReviewedOn: r.last_reviewed_on,
  redeclareDeadline: r.redeclare_deadline,
  redeclarationOverdue: r.redeclaration_overdue,
  updatedAt: new Date(r.updated_at).toISOString(),
});
