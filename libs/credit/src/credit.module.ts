import { Module } from '@nestjs/common';
import { CreditCommandHandler, CreditEntryFromComplaintHandler, ScoringPolicyCommandHandler } from './commands/credit-command.handler.js';
import { CreditController } from './http/credit.controller.js';
import { GetCreditExplanationHandler } from './queries/get-credit-explanation/get-credit-explanation.query.js';
import { ListScoringPoliciesHandler } from './queries/list-scoring-policies/list-scoring-policies.query.js';
import { PublicListHandler } from './queries/public-list/public-list.query.js';
import { FindRepairHandler } from './queries/find-repair/find-repair.query.js';
import { CREDIT_CONFIG, loadCreditConfig } from './credit.config.js';

@Module({
  controllers: [CreditController],
  providers: [
    { provide: CREDIT_CONFIG, useFactory: () => loadCreditConfig(process.env) },
    CreditCommandHandler,
    CreditEntryFromComplaintHandler,
    ScoringPolicyCommandHandler,
    GetCreditExplanationHandler,
    ListScoringPoliciesHandler,
    PublicListHandler,
    FindRepairHandler,
  ],
})
export class CreditModule {}
