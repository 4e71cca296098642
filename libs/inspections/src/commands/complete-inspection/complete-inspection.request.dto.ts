import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsISO8601, IsIn, IsObject, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { InspectedProductRequestDto } from '../inspection-product.request.dto.js';
import { CALENDAR_DATE_PATTERN } from '@regledger/http';
import { INSPECTION_OUTCOMES } from '../../domain/draw/draw.types.js';

export class CompleteInspectionRequestDto {
  @ApiProperty({ enum: INSPECTION_OUTCOMES })
  @IsIn(INSPECTION_OUTCOMES)
  outcome!: string;

  @ApiPropertyOptional({ description: "The sample's production date (YYYY-MM-DD); required unless not_located", example: '2026-11-20' })
  @IsOptional()
  @Matches(CALENDAR_DATE_PATTERN, { message: 'productionDate must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'productionDate must be a real calendar date' })
  productionDate?: string;

  @ApiPropertyOptional({ type: InspectedProductRequestDto, description: 'The product sampled, for an inspection opened without one' })
  @IsOptional()
  @ValidateNested()
  @IsObject()
  @Type(() => InspectedProductRequestDto)
  product?: InspectedProductRequestDto;

  @ApiPropertyOptional({ description: 'The declaration judged against, when several covered the product on the production date' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  declarationId?: string;

  @ApiPropertyOptional({ description: "The inspectors' note" })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}
