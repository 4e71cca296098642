import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { CALENDAR_DATE_PATTERN } from '@regledger/http';

export class ResumeAfterTestingRequestDto {
  @ApiProperty({ description: 'The day counting resumes (YYYY-MM-DD)', example: '2026-10-10' })
  @Matches(CALENDAR_DATE_PATTERN, { message: 'on must be a date YYYY-MM-DD' })
  on!: string;
}
