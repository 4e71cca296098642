import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsObject, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { CALENDAR_DATE_PATTERN } from '@regledger/http';
import { LEAD_SOURCE_KINDS, type LeadSourceKind } from '../../domain/index.js';

export class LeadSourceRequestDto {
  @ApiProperty({ enum: [...LEAD_SOURCE_KINDS] })
  @IsIn(LEAD_SOURCE_KINDS)
  kind!: LeadSourceKind;

  @ApiPropertyOptional({ description: 'The matter id, complaint id, inspection id or other reference' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  reference?: string;
}

export class RegisterLeadRequestDto {
  @ApiProperty({ description: 'A UUID the client chooses for the case', example: '0197b000-0000-7000-8000-000000000001' })
  @IsUUID('all', { message: 'caseId must be a UUID' })
  caseId!: string;

  @ApiProperty({ example: '914403001922038216' })
  @IsString()
  @Length(18, 18)
  uscc!: string;

  @ApiProperty({ example: '440300' })
  @Matches(/^\d{6}$/, { message: 'jurisdiction must be a six-digit division code' })
  jurisdiction!: string;

  @ApiPropertyOptional({ description: 'The matter the lead comes from' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  matterId?: string;

  @ApiPropertyOptional({ description: "The inspections' product key of the product concerned" })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  productKey?: string;

  @ApiProperty({ type: LeadSourceRequestDto })
  @IsDefined()
  @ValidateNested()
  @IsObject()
  @Type(() => LeadSourceRequestDto)
  source!: LeadSourceRequestDto;

  @ApiProperty({ example: '复查仍不合格，涉嫌生产销售不符合标准的产品' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  summary!: string;

  @ApiProperty({ description: 'When the lead was discovered (YYYY-MM-DD, not after today); verification is due 15 working days on', example: '2026-03-02' })
  @Matches(CALENDAR_DATE_PATTERN, { message: 'discoveredOn must be a date YYYY-MM-DD' })
  discoveredOn!: string;
}
