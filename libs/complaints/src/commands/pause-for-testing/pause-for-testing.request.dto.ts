import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class PauseForTestingRequestDto {
  @ApiProperty({ description: 'First paused day (YYYY-MM-DD)', example: '2026-10-08' })
  @Matches(DATE, { message: 'from must be a date YYYY-MM-DD' })
  from!: string;

  @ApiPropertyOptional({ description: 'Last paused day (YYYY-MM-DD); absent while testing goes on', example: '2026-10-09' })
  @IsOptional()
  @Matches(DATE, { message: 'to must be a date YYYY-MM-DD' })
  to?: string;
}
