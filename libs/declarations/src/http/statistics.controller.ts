import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { QueryBus } from '@nestjs/cqrs';
import { Public } from '@regledger/http';
import { DeclarationStatisticsQuery, type DeclarationStatistics } from '../queries/declaration-statistics/declaration-statistics.query.js';
import { DeclarationStatisticsRequestDto } from '../queries/declaration-statistics/declaration-statistics.request.dto.js';

@ApiTags('declarations')
@Controller('statistics')
export class StatisticsController {
  constructor(private readonly queries: QueryBus) {}

  @Get('declarations')
  @Public()
  @ApiOperation({ summary: 'Declaring enterprises, declarations and products by jurisdiction, category, kind or month; shares late and below recommended (public)' })
  declarations(@Query() q: DeclarationStatisticsRequestDto): Promise<DeclarationStatistics> {
    return this.queries.execute(new DeclarationStatisticsQuery({ by: q.by ?? 'province', jurisdiction: q.jurisdiction, from: q.from, to: q.to }));
  }
}
