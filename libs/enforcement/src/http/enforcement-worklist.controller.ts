import { Controller, Get, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { QueryBus } from '@nestjs/cqrs';
import { PageRequestDto, Roles, type EngineRequest } from '@regledger/http';
import { ENFORCEMENT_ACTOR_ROLES } from '../domain/index.js';
import { EnforcementWorklistQuery, type WorklistPage } from '../queries/worklist/worklist.query.js';
import { todayOf } from './enforcement-http.js';

@ApiTags('enforcement')
@Controller('enforcement')
export class EnforcementWorklistController {
  constructor(private readonly queries: QueryBus) {}

  @Get('worklist')
  @Roles(...ENFORCEMENT_ACTOR_ROLES)
  @ApiBearerAuth()
  @ApiOperation({ summary: "The supervisor's worklist: open matters and running cases of its jurisdiction with their next deadline, overdue first" })
  worklist(@Query() q: PageRequestDto, @Req() req: EngineRequest): Promise<WorklistPage> {
    return this.queries.execute(new EnforcementWorklistQuery(req.actor, todayOf(req), { limit: q.limit ?? 20, offset: q.offset ?? 0 }));
  }
}
