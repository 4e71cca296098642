import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsDefined,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { CALENDAR_DATE_PATTERN } from '@regledger/http';


export class StandardRequestDto {
  @ApiProperty({ enum: ['national', 'industry', 'local', 'group', 'enterprise'], example: 'national' })
  @IsIn(['national', 'industry', 'local', 'group', 'enterprise'])
  kind!: 'national' | 'industry' | 'local' | 'group' | 'enterprise';

  @ApiProperty({ description: 'Standard number; spacing and dash variants are normalised', example: 'GB/T 18801-2022' })
  @IsString()
  @MinLength(3)
  @MaxLength(100)
  number!: string;

  @ApiProperty({ example: '空气净化器' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title!: string;

  @ApiProperty({ description: 'true for a mandatory standard (GB, DBxx/ …), false for recommended, guidance, group and enterprise standards' })
  @IsBoolean()
  mandatory!: boolean;

  @ApiProperty({ description: 'Date the standard was issued (YYYY-MM-DD)', example: '2022-10-12' })
  @Matches(CALENDAR_DATE_PATTERN, { message: 'issuedOn must be a date YYYY-MM-DD' })
  issuedOn!: string;
}

export class ProductRequestDto {
  @ApiProperty({ example: '空气净化器' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: 'KJ500G-A1', description: 'Model or specification (may be empty for services)' })
  @IsString()
  @MaxLength(200)
  model!: string;

  @ApiProperty({
    description: 'One of the 15 key consumer categories, or other',
    example: 'air_purifier',
  })
  @IsString()
  @MaxLength(50)
  category!: string;
}

export class IndicatorRequestDto {
  @ApiProperty({ example: '洁净空气量（颗粒物）' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: ['functional', 'performance'] })
  @IsIn(['functional', 'performance'])
  type!: 'functional' | 'performance';

  @ApiProperty({ example: '≥500' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  value!: string;

  @ApiPropertyOptional({ example: 'm³/h', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  unit?: string | null;

  @ApiPropertyOptional({ example: 'GB/T 18801-2022 附录B', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  testMethod?: string | null;
}

export class BelowRecommendedRequestDto {
  @ApiProperty({ description: 'The indicators are fewer than or lower than those of a recommended standard (Measures art. 14)' })
  @IsBoolean()
  flagged!: boolean;

  @ApiPropertyOptional({ example: 'GB/T 18801-2022', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  referenceStandard?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  explanation?: string | null;
}

export class DeclarationContentRequestDto {
  @ApiProperty({ type: StandardRequestDto })
  @IsDefined()
  @ValidateNested()
  @IsObject()
  @Type(() => StandardRequestDto)
  standard!: StandardRequestDto;

  @ApiProperty({ type: [ProductRequestDto] })
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ProductRequestDto)
  products!: ProductRequestDto[];

  @ApiProperty({ type: [IndicatorRequestDto] })
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => IndicatorRequestDto)
  indicators!: IndicatorRequestDto[];

  @ApiProperty({ description: 'Whether the full text of the standard is disclosed' })
  @IsBoolean()
  fullTextDisclosed!: boolean;

  @ApiPropertyOptional({ description: 'Date of first sale or provision (YYYY-MM-DD)', nullable: true })
  @IsOptional()
  @Matches(CALENDAR_DATE_PATTERN, { message: 'firstSaleOn must be a date YYYY-MM-DD' })
  firstSaleOn?: string | null;

  @ApiPropertyOptional({ type: BelowRecommendedRequestDto })
  @IsOptional()
  @ValidateNested()
  @IsObject()
  @Type(() => BelowRecommendedRequestDto)
  belowRecommended?: BelowRecommendedRequestDto;
}

/** The request's content as the domain takes it. */
export const toContent = (dto: DeclarationContentRequestDto) => ({
  standard: { kind: dto.standard.kind, number: dto.standard.number, title: dto.standard.title, mandatory: dto.standard.mandatory, issuedOn: dto.standard.issuedOn },
  products: dto.products.map((p) => ({ name: p.name, model: p.model, category: p.category as never })),
  indicators: dto.indicators.map((i) => ({ name: i.name, type: i.type, value: i.value, unit: i.unit ?? null, testMethod: i.testMethod ?? null })),
  fullTextDisclosed: dto.fullTextDisclosed,
  firstSaleOn: dto.firstSaleOn ?? null,
  belowRecommended: {
    flagged: dto.belowRecommended?.flagged ?? false,
    referenceStandard: dto.belowRecommended?.referenceStandard ?? null,
    explanation: dto.belowRecommended?.explanation ?? null,
  },
});
