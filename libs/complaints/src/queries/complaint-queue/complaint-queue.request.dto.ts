import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageRequestDto } from '@regledger/http';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class ComplaintQueueRequestDto extends PageRequestDto {
  @ApiPropertyOptional({ description: 'Only the items of this handler', example: 'handler-440305-07' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  handlerId?: string;
}
