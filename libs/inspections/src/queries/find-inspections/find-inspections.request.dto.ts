import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageRequestDto } from '@regledger/http';
import { IsIn, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';

export class FindInspectionsRequestDto extends PageRequestDto {
  @ApiPropertyOptional({ enum: ['open', 'in_progress', 'completed'] })
  @IsOptional()
  @IsIn(['open', 'in_progress', 'completed'])
  status?: string;

  @ApiPropertyOptional({ description: 'Tasks assigned to this inspector', example: 'insp-001' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  inspectorId?: string;

  @ApiPropertyOptional({ example: '914403001922038216' })
  @IsOptional()
  @IsString()
  @Length(18, 18)
  uscc?: string;

  @ApiPropertyOptional({ description: 'Tasks of one plan (random origin)' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  planId?: string;

  @ApiPropertyOptional({ enum: ['random', 'targeted', 'follow_up'] })
  @IsOptional()
  @IsIn(['random', 'targeted', 'follow_up'])
  origin?: string;

  @ApiPropertyOptional({ description: 'Authority division code; 440000 covers every 44xxxx', example: '440300' })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'jurisdiction must be a six-digit division code' })
  jurisdiction?: string;
}
