import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class RecordMediationRequestDto {
  @ApiProperty({ enum: ['agreement', 'failure'] })
  @IsIn(['agreement', 'failure'])
  outcome!: 'agreement' | 'failure';

  @ApiProperty({ description: 'What the parties agreed or why mediation failed', example: '经调解，经营者同意退货退款' })
  @IsString()
  @MaxLength(2000)
  summary!: string;

  @ApiPropertyOptional({ description: 'The day the step was taken (YYYY-MM-DD, China); today when absent; never after today', example: '2026-09-29' })
  @IsOptional()
  @Matches(DATE, { message: 'on must be a date YYYY-MM-DD' })
  on?: string;
}
