import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { CALENDAR_DATE_PATTERN } from '@regledger/http';

export class RenameEnterpriseRequestDto {
  @ApiProperty({ example: '华为终端有限公司', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  newName!: string;

  @ApiProperty({ description: 'First day of the new name (YYYY-MM-DD)', example: '2026-03-01' })
  @IsString()
  @Matches(CALENDAR_DATE_PATTERN, { message: 'effectiveDate must be a date YYYY-MM-DD' })
  effectiveDate!: string;

  @ApiPropertyOptional({ description: 'Why, for the audit log', maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}
