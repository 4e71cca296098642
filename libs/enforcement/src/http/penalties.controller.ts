import { Controller, Get, Param, Query, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { QueryBus } from '@nestjs/cqrs';
import { Public, type EngineRequest } from '@regledger/http';
import type { PublicPenaltyView } from '../queries/enforcement.view.js';
import { FindPenaltiesQuery, type PenaltyListPage } from '../queries/find-penalties/find-penalties.query.js';
import { FindPenaltiesRequestDto } from '../queries/find-penalties/find-penalties.request.dto.js';
import { GetPenaltyQuery } from '../queries/get-penalty/get-penalty.query.js';
import { todayOf } from './enforcement-http.js';

@ApiTags('enforcement')
@Controller('penalties')
export class PenaltiesController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'The public penalty list (SAMR Order 45): penalties shown today; enterprise, penalties, legal basis, dates' })
  find(@Query() q: FindPenaltiesRequestDto, @Req() req: EngineRequest): Promise<PenaltyListPage> {
    return this.queries.execute(new FindPenaltiesQuery(todayOf(req), { uscc: q.uscc, limit: q.limit ?? 20, offset: q.offset ?? 0 }));
  }

  @Get(':caseId')
  @Public()
  @ApiOperation({ summary: 'One published penalty, public fields only' })
  get(@Param('caseId') caseId: string, @Req() req: EngineRequest): Promise<PublicPenaltyView> {
    return this.queries.execute(new GetPenaltyQuery(caseId.toLowerCase(), todayOf(req)));
  }
}
