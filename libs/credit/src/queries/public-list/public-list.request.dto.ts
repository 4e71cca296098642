import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { PageRequestDto } from '@regledger/http';

export class PublicListRequestDto extends PageRequestDto {
  @ApiPropertyOptional({ description: 'Only this enterprise' })
  @IsOptional()
  @Matches(/^[0-9A-Z]{18}$/, { message: 'uscc must be 18 characters 0-9 A-Z' })
  uscc?: string;
}
