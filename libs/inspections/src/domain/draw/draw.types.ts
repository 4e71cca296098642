/** Credit risk class: A low, B normal, C higher, D high (SAMR 2022 No. 6, domain.md §2). */
export type CreditClass = 'A' | 'B' | 'C' | 'D';

/** The strata in the order the draw processes them (domain.md §5). */
export const CREDIT_CLASSES: readonly CreditClass[] = Object.freeze(['A', 'B', 'C', 'D'] as CreditClass[]);

/** A declared product of a target; its identity is (name, model), see `productKeyOf` (domain.md §5: "same product (brand, model)"). */
export interface PoolProduct {
  /** Product name as declared, brand included. */
  name: string;
  model: string;
  category: string;
  /** Normalised number of the standard the product is declared under. */
  standardNumber: string;
}

/**
 * How an inspection ended: conforming, non-conforming, no declaration (Standardization Law art. 27 not met), not found at its address.
 * The one list of outcomes: inspections record them (`InspectionCompleted.outcome`) and the pool carries them into the draw input.
 */
export const INSPECTION_OUTCOMES = Object.freeze(['conforming', 'non_conforming', 'no_declaration', 'not_located'] as const);

export type InspectionOutcome = (typeof INSPECTION_OUTCOMES)[number];

/** The target's most recent inspection; its inspectors step aside for the next one (rotation, Administrative Penalty Law art. 43). */
export interface LastInspection {
  inspectorIds: string[];
  /** The product inspected, when the inspection was product-level. */
  productKey?: string;
  outcome: InspectionOutcome;
  /** YYYY-MM-DD. */
  completedOn: string;
  /** Division code of the authority that inspected. */
  authority: string;
}

/** A product spot check the product passed (Product Quality Law art. 15; SAMR Order 18 art. 8). */
export interface PassedSpotCheck {
  productKey: string;
  /** YYYY-MM-DD. */
  completedOn: string;
  /** Division code of the authority that checked. */
  authority: string;
}

/** One entry of the inspection target pool, as fixed at the pool position (SAMR 2019 No. 38). */
export interface PoolTarget {
  uscc: string;
  /** Division code of the enterprise's registration. */
  jurisdiction: string;
  creditClass: CreditClass;
  products: PoolProduct[];
  lastInspection?: LastInspection;
  /** YYYY-MM-DD: the last day the target was selected by a random draw, by any authority (Guangdong 2025 practice for A-class). */
  lastDrawnOn?: string;
  /** Product keys under an open case. */
  openCaseProductKeys: string[];
  passedSpotChecks: PassedSpotCheck[];
}

/** One entry of the inspector pool (SAMR 2019 No. 38). */
export interface PoolInspector {
  inspectorId: string;
  /** Division code the inspector acts in. */
  jurisdiction: string;
  active: boolean;
  qualifications: string[];
  /** USCCs the inspector has declared an interest in (Administrative Penalty Law art. 43). */
  conflicts: string[];
}

/** Per-plan draw policy (domain.md §5). */
export interface DrawPolicy {
  /** Sampling ratio per credit class, each in [0, 1] and a whole number of parts per million (design choice, defaults A .02 B .05 C .20 D .50). */
  ratios: Record<CreditClass, number>;
  /** At least 2 (Administrative Penalty Law art. 42). */
  inspectorsPerTarget: number;
  /** Months a passed spot check protects the product from the same or a lower authority; at least 6 (Product Quality Law art. 15). */
  exclusionMonths: number;
  /** Qualifications every assigned inspector holds (design choice: none by default). */
  requiredQualifications?: string[];
}

/** Everything the draw depends on; recording it makes the draw recomputable. */
export interface DrawInput {
  planId: string;
  /** Division code of the authority running the plan. */
  authority: string;
  /** YYYY-MM-DD (China date). */
  drawnOn: string;
  policy: DrawPolicy;
  /** The secret, revealed after the pool was fixed. */
  revealedSecret: string;
  /** SHA-256 hex of the secret, recorded before the pool was fixed. */
  commitment: string;
  /** The log position the pool is fixed at. */
  poolPosition: string;
  /** Product categories the plan covers; absent means every category. */
  productCategories?: string[];
  targets: PoolTarget[];
  inspectors: PoolInspector[];
}

/** Why a product of a target cannot be chosen. */
export type ProductExclusionReason = 'recent_spot_check' | 'open_case';

/** Why a target is not drawable. */
export type TargetExclusionReason = 'outside_jurisdiction' | 'a_class_already_drawn_this_year' | 'no_product_in_scope' | 'all_products_excluded';

export interface ExcludedProduct {
  productKey: string;
  reason: ProductExclusionReason;
}

export interface ExcludedTarget {
  uscc: string;
  reason: TargetExclusionReason;
  /** For `all_products_excluded`: each in-scope product and its first reason. */
  products?: ExcludedProduct[];
}

/** One credit class of the draw. */
export interface StratumResult {
  /** Targets of the class in the pool. */
  poolSize: number;
  /** Targets of the class left after exclusions. */
  eligible: number;
  quota: number;
  /** USCCs in drawn order. */
  drawn: string[];
}

/** A drawn target with its product and inspectors, in drawn order. */
export interface DrawAssignment {
  uscc: string;
  productKey?: string;
  /** In the order the inspectors were picked. */
  inspectorIds: string[];
}

export interface DrawResult {
  planId: string;
  /** HMAC-SHA-256 hex. */
  seed: string;
  /** SHA-256 hex. */
  poolHash: string;
  strata: Record<CreditClass, StratumResult>;
  /** Sorted by USCC. */
  excluded: ExcludedTarget[];
  assignments: DrawAssignment[];
  algorithmVersion: 1;
}

export interface DrawVerification {
  matches: boolean;
  differences: string[];
}
