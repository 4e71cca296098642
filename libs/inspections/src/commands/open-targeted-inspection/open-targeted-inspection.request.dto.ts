import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsObject, IsOptional, IsString, Length, MaxLength, ValidateNested } from 'class-validator';
import { InspectedProductRequestDto } from '../inspection-product.request.dto.js';

export class OpenTargetedInspectionRequestDto {
  @ApiProperty({ example: '914403001922038216' })
  @IsString()
  @Length(18, 18)
  uscc!: string;

  @ApiProperty({ enum: ['complaint', 'report', 'media', 'other'], description: 'Where the lead came from' })
  @IsIn(['complaint', 'report', 'media', 'other'])
  source!: string;

  @ApiPropertyOptional({ description: 'The lead: complaint or report id, article, memo', example: 'CMP-2026-0042', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  reference?: string | null;

  @ApiPropertyOptional({ type: InspectedProductRequestDto, nullable: true, description: 'The product to inspect, when known' })
  @IsOptional()
  @ValidateNested()
  @IsObject()
  @Type(() => InspectedProductRequestDto)
  product?: InspectedProductRequestDto | null;

  @ApiPropertyOptional({ description: 'Why the inspection is opened', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string | null;

  @ApiPropertyOptional({ type: [String], description: 'Inspectors assigned at once (two or more)', example: ['insp-001', 'insp-002'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  inspectorIds?: string[];
}
