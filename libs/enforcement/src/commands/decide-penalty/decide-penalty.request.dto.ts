import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsIn, IsNumber, IsOptional, IsPositive, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { PENALTY_KINDS, PENALTY_SECTORS, type PenaltyKind, type PenaltySector } from '../../domain/index.js';
import { CaseStepRequestDto } from '../case-step.request.dto.js';

export class PenaltyRequestDto {
  @ApiProperty({ enum: [...PENALTY_KINDS] })
  @IsIn(PENALTY_KINDS)
  kind!: PenaltyKind;

  @ApiPropertyOptional({ description: 'Yuan, for a fine or a confiscation', example: 50000 })
  @IsOptional()
  @IsNumber()
  @IsPositive()
  amountYuan?: number;
}

export class DecidePenaltyRequestDto extends CaseStepRequestDto {
  @ApiProperty({ type: [PenaltyRequestDto], description: 'Empty for no penalty' })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => PenaltyRequestDto)
  penalties!: PenaltyRequestDto[];

  @ApiProperty({ enum: [...PENALTY_SECTORS] })
  @IsIn(PENALTY_SECTORS)
  sector!: PenaltySector;

  @ApiProperty({ description: 'The provisions the penalty rests on, as published', example: '《中华人民共和国产品质量法》第四十九条' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  legalBasis!: string;
}
