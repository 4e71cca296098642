import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageRequestDto } from '@regledger/http';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Length } from 'class-validator';

const bool = ({ value }: { value: unknown }): unknown => (value === 'true' ? true : value === 'false' ? false : value);

export class FindMattersRequestDto extends PageRequestDto {
  @ApiPropertyOptional({ enum: ['open', 'closed', 'all'], description: 'open by default' })
  @IsOptional()
  @IsIn(['open', 'closed', 'all'])
  status?: 'open' | 'closed' | 'all';

  @ApiPropertyOptional({ example: '914403001922038216' })
  @IsOptional()
  @IsString()
  @Length(18, 18)
  uscc?: string;

  @ApiPropertyOptional({ description: 'Only matters with a deadline passed as of today (true) or none (false)' })
  @IsOptional()
  @Transform(bool)
  @IsBoolean()
  overdue?: boolean;
}
