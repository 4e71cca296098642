import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { CALENDAR_DATE_PATTERN } from '@regledger/http';

export class GetCreditExplanationRequestDto {
  @ApiPropertyOptional({ description: 'The day the record is explained as of (YYYY-MM-DD, China); today when absent', example: '2026-11-16' })
  @IsOptional()
  @Matches(CALENDAR_DATE_PATTERN, { message: 'asOf must be a date YYYY-MM-DD' })
  asOf?: string;
}
