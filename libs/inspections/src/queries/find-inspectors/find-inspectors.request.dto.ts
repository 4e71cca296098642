import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, Matches } from 'class-validator';
import { PageRequestDto } from '@regledger/http';

export class FindInspectorsRequestDto extends PageRequestDto {
  @ApiPropertyOptional({ description: 'Division code; defaults to the caller\'s jurisdiction', example: '440100' })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'jurisdiction must be a six-digit division code' })
  jurisdiction?: string;

  @ApiPropertyOptional({ description: 'true: active only; false: inactive only' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  active?: boolean;
}
