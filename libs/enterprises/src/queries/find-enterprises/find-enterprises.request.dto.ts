import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageRequestDto } from '@regledger/http';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export class FindEnterprisesRequestDto extends PageRequestDto {
  @ApiPropertyOptional({ description: 'USCC (or its beginning) or part of any current or former name', example: '华为' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ description: 'GB/T 2260 division code; 440000 covers every 44xxxx', example: '440300' })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'jurisdiction must be a six-digit division code' })
  jurisdiction?: string;

  @ApiPropertyOptional({ enum: ['registered', 'deregistered'] })
  @IsOptional()
  @IsIn(['registered', 'deregistered'])
  status?: 'registered' | 'deregistered';
}
