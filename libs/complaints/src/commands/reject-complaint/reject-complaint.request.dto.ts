import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class RejectComplaintRequestDto {
  @ApiProperty({ description: 'Why the complaint is not accepted', example: '不属于本部门管辖' })
  @IsString()
  @MaxLength(2000)
  reason!: string;

  @ApiPropertyOptional({ description: 'The day the step was taken (YYYY-MM-DD, China); today when absent; never after today', example: '2026-09-29' })
  @IsOptional()
  @Matches(DATE, { message: 'on must be a date YYYY-MM-DD' })
  on?: string;
}
