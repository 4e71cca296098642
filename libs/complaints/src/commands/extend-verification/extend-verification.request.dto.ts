import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { CALENDAR_DATE_PATTERN } from '@regledger/http';

export class ExtendVerificationRequestDto {
  @ApiProperty({ description: 'Why verification needs 15 more working days', example: '需要送检' })
  @IsString()
  @MaxLength(2000)
  reason!: string;

  @ApiPropertyOptional({ description: 'The day the step was taken (YYYY-MM-DD, China); today when absent; never after today', example: '2026-09-29' })
  @IsOptional()
  @Matches(CALENDAR_DATE_PATTERN, { message: 'on must be a date YYYY-MM-DD' })
  on?: string;
}
