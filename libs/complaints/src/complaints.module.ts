import { Module } from '@nestjs/common';
import { ENGINE, type Engine } from '@regledger/engine';
import { PersonalDataVault } from '@regledger/personal-data';
import { ErasePersonalDataHandler } from './commands/erase-personal-data/erase-personal-data.handler.js';
import { PersonalDataController } from './http/personal-data.controller.js';
import { ComplaintCommandHandler } from './commands/complaint-command.handler.js';
import { ComplaintsController } from './http/complaints.controller.js';
import { FindComplaintsHandler } from './queries/find-complaints/find-complaints.query.js';
import { GetComplaintHandler } from './queries/get-complaint/get-complaint.query.js';
import { ComplaintQueueHandler } from './queries/complaint-queue/complaint-queue.query.js';
import { OverdueCountsHandler } from './queries/overdue-counts/overdue-counts.query.js';
import { ComplaintStatisticsHandler } from './queries/complaint-statistics/complaint-statistics.query.js';

@Module({
  controllers: [ComplaintsController, PersonalDataController],
  providers: [
    { provide: PersonalDataVault, useFactory: (engine: Engine) => engine.personalData, inject: [ENGINE] },
    ErasePersonalDataHandler,
    ComplaintCommandHandler, FindComplaintsHandler, GetComplaintHandler, ComplaintQueueHandler, OverdueCountsHandler, ComplaintStatisticsHandler,
  ],
})
export class ComplaintsModule {}
