import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { QueryBus } from '@nestjs/cqrs';
import { Public } from '@regledger/http';
import { FindInspectionResultsQuery, type PublishedResultsPage } from '../queries/find-inspection-results/find-inspection-results.query.js';
import { FindInspectionResultsRequestDto } from '../queries/find-inspection-results/find-inspection-results.request.dto.js';

@ApiTags('inspections')
@Controller('inspection-results')
export class InspectionResultsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Published inspection results (public): enterprise, product, outcome, dates, authority; never inspector identities' })
  find(@Query() q: FindInspectionResultsRequestDto): Promise<PublishedResultsPage> {
    return this.queries.execute(new FindInspectionResultsQuery({ uscc: q.uscc, outcome: q.outcome, jurisdiction: q.jurisdiction, limit: q.limit ?? 20, offset: q.offset ?? 0 }));
  }
}
