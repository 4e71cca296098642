import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageRequestDto } from '@regledger/http';
import { IsOptional, IsString, Length } from 'class-validator';

export class FindPenaltiesRequestDto extends PageRequestDto {
  @ApiPropertyOptional({ example: '914403001922038216' })
  @IsOptional()
  @IsString()
  @Length(18, 18)
  uscc?: string;
}
