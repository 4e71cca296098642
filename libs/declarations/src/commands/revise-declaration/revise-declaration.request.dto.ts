import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsObject, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { DeclarationContentRequestDto } from '../declaration-content.request.dto.js';
import { CALENDAR_DATE_PATTERN } from '@regledger/http';

export class ReviseDeclarationRequestDto {
  @ApiProperty({ type: DeclarationContentRequestDto })
  @IsDefined()
  @ValidateNested()
  @IsObject()
  @Type(() => DeclarationContentRequestDto)
  content!: DeclarationContentRequestDto;

  @ApiProperty({ description: 'First day the new version is in force (YYYY-MM-DD)', example: '2026-12-01' })
  @Matches(CALENDAR_DATE_PATTERN, { message: 'effectiveFrom must be a date YYYY-MM-DD' })
  effectiveFrom!: string;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}
