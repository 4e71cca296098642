import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { InspectedProductRequestDto } from '../inspection-product.request.dto.js';

export class CompleteInspectionRequestDto {
  @ApiProperty({ enum: ['conforming', 'non_conforming', 'no_declaration', 'not_located'] })
  @IsIn(['conforming', 'non_conforming', 'no_declaration', 'not_located'])
  outcome!: string;

  @ApiPropertyOptional({ description: "The sample's production date (YYYY-MM-DD); required unless not_located", example: '2026-11-20' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'productionDate must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'productionDate must be a real calendar date' })
  productionDate?: string;

  @ApiPropertyOptional({ type: InspectedProductRequestDto, description: 'The product sampled, for an inspection opened without one' })
  @IsOptional()
  @ValidateNested()
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
