import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsObject, IsOptional, IsString, Length, Matches, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { CALENDAR_DATE_PATTERN } from '@regledger/http';

export class MatterProductRequestDto {
  @ApiProperty({ example: '空气净化器' })
  @IsString()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: 'KJ500G-E2E' })
  @IsString()
  @MaxLength(200)
  model!: string;
}

export class MatterSubjectRequestDto {
  @ApiProperty({ enum: ['product', 'enterprise'], description: 'product: one product of the enterprise; enterprise: its declaration duties' })
  @IsIn(['product', 'enterprise'])
  kind!: 'product' | 'enterprise';

  @ApiPropertyOptional({ type: MatterProductRequestDto, description: 'Required for a product subject' })
  @ValidateIf((o: MatterSubjectRequestDto) => o.kind === 'product')
  @IsDefined({ message: 'product is required for a product subject' })
  @ValidateNested()
  @IsObject()
  @Type(() => MatterProductRequestDto)
  product?: MatterProductRequestDto;
}

/** A non-compliance a supervisor records by hand (trigger `manual`). */
export class RecordNonComplianceRequestDto {
  @ApiProperty({ example: '914403001922038216' })
  @IsString()
  @Length(18, 18)
  uscc!: string;

  @ApiProperty({ description: 'Division code of the handling authority', example: '440300' })
  @Matches(/^\d{6}$/, { message: 'jurisdiction must be a six-digit division code' })
  jurisdiction!: string;

  @ApiProperty({ type: MatterSubjectRequestDto })
  @IsDefined()
  @ValidateNested()
  @IsObject()
  @Type(() => MatterSubjectRequestDto)
  subject!: MatterSubjectRequestDto;

  @ApiProperty({ description: 'When the non-compliance was found (YYYY-MM-DD, not after today)', example: '2026-03-02' })
  @Matches(CALENDAR_DATE_PATTERN, { message: 'occurredOn must be a date YYYY-MM-DD' })
  occurredOn!: string;

  @ApiPropertyOptional({ description: 'A reference (file number, inspection id)', example: 'SZ-2026-031' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  reference?: string;

  @ApiPropertyOptional({ description: 'What was found', example: '抽查不合格' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;
}
