import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { CALENDAR_DATE_PATTERN } from '@regledger/http';
import { CASE_PAUSE_KINDS, type CasePauseKind } from '../../domain/index.js';

export class PauseCaseRequestDto {
  @ApiProperty({ enum: [...CASE_PAUSE_KINDS], description: 'Testing, hearing or suspension: its days do not count (Administrative Penalty Law art. 60)' })
  @IsIn(CASE_PAUSE_KINDS)
  kind!: CasePauseKind;

  @ApiPropertyOptional({ description: 'First paused day (YYYY-MM-DD); today when absent', example: '2026-03-10' })
  @IsOptional()
  @Matches(CALENDAR_DATE_PATTERN, { message: 'from must be a date YYYY-MM-DD' })
  from?: string;
}
