import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { CALENDAR_DATE_PATTERN } from '@regledger/http';

export class AbolishDeclarationRequestDto {
  @ApiProperty({ description: 'First day the declaration is no longer in force (YYYY-MM-DD)', example: '2026-12-31' })
  @Matches(CALENDAR_DATE_PATTERN, { message: 'effectiveDate must be a date YYYY-MM-DD' })
  effectiveDate!: string;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}
