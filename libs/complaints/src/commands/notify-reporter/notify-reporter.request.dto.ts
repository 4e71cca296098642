import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { CALENDAR_DATE_PATTERN } from '@regledger/http';

export class NotifyReporterRequestDto {
  @ApiProperty({ description: 'The day the reporter was told (YYYY-MM-DD)', example: '2026-10-12' })
  @Matches(CALENDAR_DATE_PATTERN, { message: 'on must be a date YYYY-MM-DD' })
  on!: string;
}
