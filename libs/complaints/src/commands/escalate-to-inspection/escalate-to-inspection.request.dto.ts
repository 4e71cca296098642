import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { CALENDAR_DATE_PATTERN } from '@regledger/http';

export class EscalateToInspectionRequestDto {
  @ApiProperty({ description: 'Why a targeted inspection is needed', example: '涉嫌产品不符合声明的企业标准' })
  @IsString()
  @MaxLength(2000)
  reason!: string;

  @ApiPropertyOptional({ description: 'The day the step was taken (YYYY-MM-DD, China); today when absent; never after today', example: '2026-09-29' })
  @IsOptional()
  @Matches(CALENDAR_DATE_PATTERN, { message: 'on must be a date YYYY-MM-DD' })
  on?: string;
}
