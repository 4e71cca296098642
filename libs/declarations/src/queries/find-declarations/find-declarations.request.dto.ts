import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageRequestDto } from '@regledger/http';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsISO8601, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';

const bool = ({ value }: { value: unknown }): unknown => (value === 'true' ? true : value === 'false' ? false : value);

export class FindDeclarationsRequestDto extends PageRequestDto {
  @ApiPropertyOptional({ description: 'Part of the enterprise name, current or former', example: '美的' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ example: '914403001922038216' })
  @IsOptional()
  @IsString()
  @Length(18, 18)
  uscc?: string;

  @ApiPropertyOptional({ description: 'Standard number or part of it; spacing and dash variants are ignored', example: 'GB/T 18801—2022' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  standard?: string;

  @ApiPropertyOptional({ description: 'Part of a product name or model', example: '净化器' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  product?: string;

  @ApiPropertyOptional({ example: 'air_purifier' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  category?: string;

  @ApiPropertyOptional({ enum: ['national', 'industry', 'local', 'group', 'enterprise'] })
  @IsOptional()
  @IsIn(['national', 'industry', 'local', 'group', 'enterprise'])
  kind?: string;

  @ApiPropertyOptional({ description: 'Division code; 440000 covers every 44xxxx', example: '440000' })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'jurisdiction must be a six-digit division code' })
  jurisdiction?: string;

  @ApiPropertyOptional({ enum: ['active', 'to_be_redeclared', 'abolished'] })
  @IsOptional()
  @IsIn(['active', 'to_be_redeclared', 'abolished'])
  status?: string;

  @ApiPropertyOptional({ description: 'Only declarations recorded as late (true) or on time (false)' })
  @IsOptional()
  @Transform(bool)
  @IsBoolean()
  late?: boolean;

  @ApiPropertyOptional({ description: 'Only declarations flagged below a recommended standard' })
  @IsOptional()
  @Transform(bool)
  @IsBoolean()
  belowRecommended?: boolean;

  @ApiPropertyOptional({ description: 'The registry as it stood at this time (ISO 8601)', example: '2026-06-30T16:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true })
  asOf?: string;

  @ApiPropertyOptional({ enum: ['declaredOn', 'standardNumber', 'enterpriseName', 'updatedAt'], default: 'declaredOn' })
  @IsOptional()
  @IsIn(['declaredOn', 'standardNumber', 'enterpriseName', 'updatedAt'])
  sort?: 'declaredOn' | 'standardNumber' | 'enterpriseName' | 'updatedAt';

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'desc' })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order?: 'asc' | 'desc';
}
