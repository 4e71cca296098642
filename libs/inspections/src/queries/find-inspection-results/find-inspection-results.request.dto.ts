import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageRequestDto } from '@regledger/http';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { INSPECTION_OUTCOMES } from '../../domain/draw/draw.types.js';

export class FindInspectionResultsRequestDto extends PageRequestDto {
  @ApiPropertyOptional({ example: '914403001922038216' })
  @IsOptional()
  @IsString()
  @Length(18, 18)
  uscc?: string;

  @ApiPropertyOptional({ enum: INSPECTION_OUTCOMES })
  @IsOptional()
  @IsIn(INSPECTION_OUTCOMES)
  outcome?: string;

  @ApiPropertyOptional({ description: 'Authority division code; 440000 covers every 44xxxx', example: '440300' })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'jurisdiction must be a six-digit division code' })
  jurisdiction?: string;
}
