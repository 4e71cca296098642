import { Controller, Get, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { QueryBus } from '@nestjs/cqrs';
import { Roles, requestTime, type EngineRequest } from '@regledger/http';
import { POOL_READER_ROLES } from '../domain/plan/plan-access.policy.js';
import { GetInspectionPoolQuery, type InspectionPoolPage } from '../queries/inspection-pool/get-inspection-pool.query.js';
import { GetInspectionPoolRequestDto } from '../queries/inspection-pool/get-inspection-pool.request.dto.js';

@ApiTags('inspection-plans')
@Controller('inspection-pool')
export class InspectionPoolController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles(...POOL_READER_ROLES)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The target pool of an authority as the log holds it now: class, products, last inspection, passed spot checks' })
  pool(@Query() q: GetInspectionPoolRequestDto, @Req() req: EngineRequest): Promise<InspectionPoolPage> {
    return this.queries.execute(new GetInspectionPoolQuery(req.actor, q.jurisdiction, q.limit ?? 20, q.offset ?? 0, requestTime(req)));
  }
}
