import type { ContextDefinition } from '@regledger/engine';
import { InspectorCommandHandler } from './commands/inspector-command.handler.js';
import { PlanCommandHandler } from './commands/plan-command.handler.js';
import { DrawInspectionsHandler } from './commands/draw-inspections/draw-inspections.handler.js';
import { InspectorsController } from './http/inspectors.controller.js';
import { InspectionPlansController } from './http/inspection-plans.controller.js';
import { InspectionPoolController } from './http/inspection-pool.controller.js';
import { inspectorsProjection } from './projections/inspectors.projection.js';
import { inspectionPlansProjection } from './projections/inspection-plans.projection.js';
import { FindInspectorsHandler } from './queries/find-inspectors/find-inspectors.query.js';
import { GetInspectorHandler } from './queries/get-inspector/get-inspector.query.js';
import { FindInspectionPlansHandler } from './queries/find-inspection-plans/find-inspection-plans.query.js';
import { GetInspectionPlanHandler } from './queries/get-inspection-plan/get-inspection-plan.query.js';
import { GetDrawHandler } from './queries/get-draw/get-draw.query.js';
import { VerifyDrawHandler } from './queries/verify-draw/verify-draw.query.js';
import { GetInspectionPoolHandler } from './queries/inspection-pool/get-inspection-pool.query.js';
import { PLANNING_CONFIG, loadPlanningConfig } from './planning.config.js';

/** Inspectors, plans and draws: what this part adds to the inspections context and module. */
export const planningContextParts: Omit<ContextDefinition, 'name'> = {
  projections: [inspectorsProjection, inspectionPlansProjection],
};

export const PLANNING_CONTROLLERS = [InspectorsController, InspectionPlansController, InspectionPoolController];

export const PLANNING_PROVIDERS = [
  { provide: PLANNING_CONFIG, useFactory: () => loadPlanningConfig(process.env) },
  InspectorCommandHandler,
  PlanCommandHandler,
  DrawInspectionsHandler,
  FindInspectorsHandler,
  GetInspectorHandler,
  FindInspectionPlansHandler,
  GetInspectionPlanHandler,
  GetDrawHandler,
  VerifyDrawHandler,
  GetInspectionPoolHandler,
];
