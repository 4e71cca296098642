import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { CALENDAR_DATE_PATTERN } from '@regledger/http';

export class PauseForTestingRequestDto {
  @ApiProperty({ description: 'First paused day (YYYY-MM-DD)', example: '2026-10-08' })
  @Matches(CALENDAR_DATE_PATTERN, { message: 'from must be a date YYYY-MM-DD' })
  from!: string;

  @ApiPropertyOptional({ description: 'Last paused day (YYYY-MM-DD); absent while testing goes on', example: '2026-10-09' })
  @IsOptional()
  @Matches(CALENDAR_DATE_PATTERN, { message: 'to must be a date YYYY-MM-DD' })
  to?: string;
}
