import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class ResumeAfterTestingRequestDto {
  @ApiProperty({ description: 'The day counting resumes (YYYY-MM-DD)', example: '2026-10-10' })
  @Matches(DATE, { message: 'on must be a date YYYY-MM-DD' })
  on!: string;
}
