import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class CloseComplaintRequestDto {
  @ApiProperty({ enum: ['agreement', 'no_agreement', 'rejected', 'escalated', 'case_decided', 'withdrawn'] })
  @IsIn(['agreement', 'no_agreement', 'rejected', 'escalated', 'case_decided', 'withdrawn'])
  outcome!: string;

  @ApiProperty({ description: 'How the complaint ended', example: '调解达成协议，已履行' })
  @IsString()
  @MaxLength(2000)
  summary!: string;

  @ApiPropertyOptional({ description: 'The day the step was taken (YYYY-MM-DD, China); today when absent; never after today', example: '2026-09-29' })
  @IsOptional()
  @Matches(DATE, { message: 'on must be a date YYYY-MM-DD' })
  on?: string;
}
