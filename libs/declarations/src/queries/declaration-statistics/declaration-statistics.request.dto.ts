import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, Matches } from 'class-validator';
import { CALENDAR_DATE_PATTERN } from '@regledger/http';

export class DeclarationStatisticsRequestDto {
  @ApiPropertyOptional({ enum: ['jurisdiction', 'province', 'city', 'category', 'kind', 'month'], default: 'province' })
  @IsOptional()
  @IsIn(['jurisdiction', 'province', 'city', 'category', 'kind', 'month'])
  by?: 'jurisdiction' | 'province' | 'city' | 'category' | 'kind' | 'month';

  @ApiPropertyOptional({ description: 'Only this division (440000 covers every 44xxxx)', example: '440000' })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'jurisdiction must be a six-digit division code' })
  jurisdiction?: string;

  @ApiPropertyOptional({ description: 'Declared on or after (YYYY-MM-DD)' })
  @IsOptional()
  @Matches(CALENDAR_DATE_PATTERN, { message: 'from must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'from must be a real calendar date' })
  from?: string;

  @ApiPropertyOptional({ description: 'Declared on or before (YYYY-MM-DD)' })
  @IsOptional()
  @Matches(CALENDAR_DATE_PATTERN, { message: 'to must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'to must be a real calendar date' })
  to?: string;
}
