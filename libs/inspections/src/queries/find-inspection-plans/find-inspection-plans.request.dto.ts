import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { PageRequestDto } from '@regledger/http';

export class FindInspectionPlansRequestDto extends PageRequestDto {
  @ApiPropertyOptional({ example: '440100' })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'jurisdiction must be a six-digit division code' })
  jurisdiction?: string;

  @ApiPropertyOptional({ enum: ['created', 'drawn', 'cancelled'] })
  @IsOptional()
  @IsIn(['created', 'drawn', 'cancelled'])
  status?: 'created' | 'drawn' | 'cancelled';
}
