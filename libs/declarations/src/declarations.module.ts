import { Module } from '@nestjs/common';
import { DeclarationCommandHandler } from './commands/declaration-command.handler.js';
import { GetDeclarationHandler } from './queries/get-declaration/get-declaration.query.js';
import { FindDeclarationsHandler } from './queries/find-declarations/find-declarations.query.js';
import { FindDeclarationInForceHandler } from './queries/find-declaration-in-force/find-declaration-in-force.query.js';
import { DeclarationStatisticsHandler } from './queries/declaration-statistics/declaration-statistics.query.js';
import { DeclarationsController } from './http/declarations.controller.js';
import { StatisticsController } from './http/statistics.controller.js';
import { DECLARATION_POLICY, loadDeclarationPolicy } from './declarations.config.js';

@Module({
  controllers: [DeclarationsController, StatisticsController],
  providers: [
    { provide: DECLARATION_POLICY, useFactory: () => loadDeclarationPolicy(process.env) },
    DeclarationCommandHandler,
    GetDeclarationHandler,
    FindDeclarationsHandler,
    FindDeclarationInForceHandler,
    DeclarationStatisticsHandler,
  ],
})
export class DeclarationsModule {}
