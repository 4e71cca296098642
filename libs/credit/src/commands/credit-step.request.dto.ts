import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { CALENDAR_DATE_PATTERN } from '@regledger/http';

/** What every step on a credit record may carry: the day it was taken. */
export class CreditStepRequestDto {
  @ApiPropertyOptional({ description: 'The day the step was taken (YYYY-MM-DD, China); today when absent; never after today', example: '2026-11-16' })
  @IsOptional()
  @Matches(CALENDAR_DATE_PATTERN, { message: 'on must be a date YYYY-MM-DD' })
  on?: string;
}
