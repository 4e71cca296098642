import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageRequestDto } from '@regledger/http';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { COMPLAINT_KINDS, COMPLAINT_STATUSES } from '../../domain/index.js';

const bool = ({ value }: { value: unknown }): unknown => (value === 'true' ? true : value === 'false' ? false : value);

export class FindComplaintsRequestDto extends PageRequestDto {
  @ApiPropertyOptional({ enum: [...COMPLAINT_STATUSES] })
  @IsOptional()
  @IsIn(COMPLAINT_STATUSES)
  status?: string;

  @ApiPropertyOptional({ enum: [...COMPLAINT_KINDS] })
  @IsOptional()
  @IsIn(COMPLAINT_KINDS)
  kind?: string;

  @ApiPropertyOptional({ example: '914403001922038216' })
  @IsOptional()
  @IsString()
  @Length(18, 18)
  uscc?: string;

  @ApiPropertyOptional({ description: 'The handler in charge', example: 'handler-440305-07' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  handlerId?: string;

  @ApiPropertyOptional({ description: 'Only items with a deadline passed as of today (true) or none (false)' })
  @IsOptional()
  @Transform(bool)
  @IsBoolean()
  overdue?: boolean;
}
