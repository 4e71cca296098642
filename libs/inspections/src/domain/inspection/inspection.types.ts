/** A product identified as the draw and the declarations identify it: name (brand included) and model. */
export interface InspectedProduct {
  name: string;
  model: string;
}

/** What the inspectors found for one declared indicator of the sample (Standardization Law art. 27; Measures art. 12). */
export interface Finding {
  /** The indicator's name as declared. */
  indicator: string;
  /** The value the declaration discloses, as the inspectors read it. */
  declaredValue: string;
  /** The value measured on the sample. */
  measuredValue: string;
  unit: string | null;
  testMethod: string | null;
  conforming: boolean;
}

/** The declaration version an inspection was judged against: the one in force on the sample's production date (domain.md §3). */
export interface JudgedDeclaration {
  declarationId: string;
  version: number;
  standardNumber: string;
  standardTitle: string;
  /** YYYY-MM-DD. */
  effectiveFrom: string;
  /** YYYY-MM-DD, or null while open-ended. */
  effectiveTo: string | null;
}

/** One declared indicator of the judged version and what the findings said of it. */
export interface JudgedIndicator {
  name: string;
  declaredValue: string;
  unit: string | null;
  testMethod: string | null;
  /** null: no finding was recorded for it. */
  conforming: boolean | null;
}

/** What the enterprises context says of the inspected enterprise at decision time. */
export interface InspectedEnterpriseFacts {
  status: 'none' | 'registered' | 'deregistered';
  name: string | null;
  jurisdiction: string | null;
}

/** What the inspector pool says of one inspector at decision time; null facts mean the pool does not know the inspector. */
export interface InspectorFacts {
  inspectorId: string;
  /** Division code the inspector acts in. */
  jurisdiction: string;
  active: boolean;
  /** USCCs the inspector declared an interest in (Administrative Penalty Law art. 43). */
  conflicts: string[];
}

/** A declaration version in force on the production date, as the declarations context folds it. */
export interface DeclarationInForceFacts {
  declarationId: string;
  version: number;
  standard: { number: string; title: string };
  indicators: { name: string; value: string; unit: string | null; testMethod: string | null }[];
  effectiveFrom: string;
  effectiveTo: string | null;
}

/** Open: created, inspectors may still be assigned; in progress: started on site; completed: an outcome was recorded. */
export type InspectionStatus = 'open' | 'in_progress' | 'completed';

export const INSPECTION_STATUSES: readonly InspectionStatus[] = Object.freeze(['open', 'in_progress', 'completed'] as InspectionStatus[]);

/** Where a targeted inspection's lead came from (domain.md §5, Guangdong plan item 11). */
export type TargetedSource = 'complaint' | 'report' | 'media' | 'other';

export const TARGETED_SOURCES: readonly TargetedSource[] = Object.freeze(['complaint', 'report', 'media', 'other'] as TargetedSource[]);
