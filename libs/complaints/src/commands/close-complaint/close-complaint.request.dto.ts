import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { CALENDAR_DATE_PATTERN } from '@regledger/http';
import { COMPLAINT_CLOSE_OUTCOMES, type ComplaintCloseOutcome } from '../../domain/index.js';

export class CloseComplaintRequestDto {
  @ApiProperty({ enum: [...COMPLAINT_CLOSE_OUTCOMES] })
  @IsIn(COMPLAINT_CLOSE_OUTCOMES)
  outcome!: ComplaintCloseOutcome;

  @ApiProperty({ description: 'How the complaint ended', example: '调解达成协议，已履行' })
  @IsString()
  @MaxLength(2000)
  summary!: string;

  @ApiPropertyOptional({ description: 'The day the step was taken (YYYY-MM-DD, China); today when absent; never after today', example: '2026-09-29' })
  @IsOptional()
  @Matches(CALENDAR_DATE_PATTERN, { message: 'on must be a date YYYY-MM-DD' })
  on?: string;
}
