import { Module } from '@nestjs/common';
import { PLANNING_CONTROLLERS, PLANNING_PROVIDERS } from './planning.parts.js';
import { TASKS_CONTROLLERS, TASKS_PROVIDERS } from './tasks.parts.js';

@Module({
  controllers: [...PLANNING_CONTROLLERS, ...TASKS_CONTROLLERS],
  providers: [...PLANNING_PROVIDERS, ...TASKS_PROVIDERS],
})
export class InspectionsModule {}
