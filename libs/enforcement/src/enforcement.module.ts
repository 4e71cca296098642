import { Module } from '@nestjs/common';
import { MatterCommandHandler } from './commands/matter-command.handler.js';
import { CaseCommandHandler } from './commands/case-command.handler.js';
import { OpenCaseFromReportHandler } from './commands/open-case-from-report/open-case-from-report.handler.js';
import { MattersController } from './http/matters.controller.js';
import { CasesController } from './http/cases.controller.js';
import { EnforcementWorklistController } from './http/enforcement-worklist.controller.js';
import { PenaltiesController } from './http/penalties.controller.js';
import { FindMattersHandler } from './queries/find-matters/find-matters.query.js';
import { GetMatterHandler } from './queries/get-matter/get-matter.query.js';
import { FindCasesHandler } from './queries/find-cases/find-cases.query.js';
import { GetCaseHandler } from './queries/get-case/get-case.query.js';
import { EnforcementWorklistHandler } from './queries/worklist/worklist.query.js';
import { FindPenaltiesHandler } from './queries/find-penalties/find-penalties.query.js';
import { GetPenaltyHandler } from './queries/get-penalty/get-penalty.query.js';
import { ENFORCEMENT_CONFIG, loadEnforcementConfig } from './enforcement.config.js';

/** Matters, cases and penalties; the policy values come from the environment when the module starts (a bad value stops it). */
@Module({
  controllers: [MattersController, CasesController, EnforcementWorklistController, PenaltiesController],
  providers: [
    { provide: ENFORCEMENT_CONFIG, useFactory: () => loadEnforcementConfig(process.env) },
    MatterCommandHandler,
    CaseCommandHandler,
    OpenCaseFromReportHandler,
    FindMattersHandler,
    GetMatterHandler,
    FindCasesHandler,
    GetCaseHandler,
    EnforcementWorklistHandler,
    FindPenaltiesHandler,
    GetPenaltyHandler,
  ],
})
export class EnforcementModule {}
