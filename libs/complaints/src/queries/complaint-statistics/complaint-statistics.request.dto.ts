import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

export class ComplaintStatisticsRequestDto {
  @ApiPropertyOptional({ description: 'Division code; 440000 covers every 44xxxx; 000000 (default) the whole country', example: '440000' })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'jurisdiction must be a six-digit division code' })
  jurisdiction?: string;
}
