import type { StandardKind } from './standard-number.rule.js';
import type { ProductCategory } from './product-category.js';

/** The standard an enterprise executes: its number and name are disclosed (Standardization Law art. 27, domain.md §3). */
export interface StandardRef {
  kind: StandardKind;
  /** Normalised, e.g. `GB/T 18801-2022`. */
  number: string;
  title: string;
  mandatory: boolean;
  /** YYYY-MM-DD: the day the standard was issued. */
  issuedOn: string;
}

/** A product made to the standard; name and model identify it within the enterprise. */
export interface DeclaredProduct {
  name: string;
  model: string;
  category: ProductCategory;
}

/** A disclosed functional or performance indicator with its test method (Standardization Law art. 27, Measures art. 12). */
export interface Indicator {
  name: string;
  type: 'functional' | 'performance';
  value: string;
  unit: string | null;
  testMethod: string | null;
}

/** Indicators fewer than or lower than the corresponding recommended standard are said so explicitly (Measures art. 14). */
export interface BelowRecommended {
  flagged: boolean;
  /** Normalised number of the national, industry or local recommended standard compared with. */
  referenceStandard: string | null;
  explanation: string | null;
}

/** What one version of a declaration discloses (domain.md §3). */
export interface DeclarationContent {
  standard: StandardRef;
  products: DeclaredProduct[];
  indicators: Indicator[];
  fullTextDisclosed: boolean;
  /** YYYY-MM-DD: the first sale of the products under this standard, when known. */
  firstSaleOn: string | null;
  belowRecommended: BelowRecommended;
}

/** What the enterprises context says about the declaring enterprise at the time of the command. */
export interface EnterpriseFacts {
  status: 'none' | 'registered' | 'deregistered';
  name: string | null;
  /** GB/T 2260 six-digit division code. */
  jurisdiction: string | null;
}

/** The policy values of domain.md §3 marked as design choices; they arrive in the command. */
export interface DeclarationPolicy {
  /** Days after a standard's issue within which it is declared. */
  declareWithinDaysOfIssue: number;
  /** Whether declaring after the first sale marks the declaration late. */
  requireDeclarationBeforeFirstSale: boolean;
  /** Days after a change of name within which active declarations are declared again. */
  redeclareWithinDays: number;
}

/** domain.md §3 design choices: both timeliness checks on, 30 days; 30 days to re-declare after a change of name. */
export const DEFAULT_DECLARATION_POLICY: DeclarationPolicy = Object.freeze({
  declareWithinDaysOfIssue: 30,
  requireDeclarationBeforeFirstSale: true,
  redeclareWithinDays: 30,
});

/** In force; waiting to be declared again under the enterprise's new name; abolished. */
export type DeclarationStatus = 'active' | 'to_be_redeclared' | 'abolished';

export const DECLARATION_STATUSES: readonly DeclarationStatus[] = Object.freeze(['active', 'to_be_redeclared', 'abolished'] as DeclarationStatus[]);
