import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { CALENDAR_DATE_PATTERN } from '@regledger/http';
import { MEDIATION_OUTCOMES, type MediationOutcome } from '../../domain/index.js';

export class RecordMediationRequestDto {
  @ApiProperty({ enum: [...MEDIATION_OUTCOMES] })
  @IsIn(MEDIATION_OUTCOMES)
  outcome!: MediationOutcome;

  @ApiProperty({ description: 'What the parties agreed or why mediation failed', example: '经调解，经营者同意退货退款' })
  @IsString()
  @MaxLength(2000)
  summary!: string;

  @ApiPropertyOptional({ description: 'The day the step was taken (YYYY-MM-DD, China); today when absent; never after today', example: '2026-09-29' })
  @IsOptional()
  @Matches(CALENDAR_DATE_PATTERN, { message: 'on must be a date YYYY-MM-DD' })
  on?: string;
}
