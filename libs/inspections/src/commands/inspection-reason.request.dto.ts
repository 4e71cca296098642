import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

/** A body with only an optional reason, recorded with the event. */
export class InspectionReasonRequestDto {
  @ApiPropertyOptional({ description: 'Why (recorded with the event)' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}
