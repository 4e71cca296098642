import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class NotifyReporterRequestDto {
  @ApiProperty({ description: 'The day the reporter was told (YYYY-MM-DD)', example: '2026-10-12' })
  @Matches(DATE, { message: 'on must be a date YYYY-MM-DD' })
  on!: string;
}
