import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export class FindEnterprisesRequestDto {
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

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ default: 0, minimum: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  offset?: number;
}
