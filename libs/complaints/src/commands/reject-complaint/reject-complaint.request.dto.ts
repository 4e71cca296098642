import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { CALENDAR_DATE_PATTERN } from '@regledger/http';

export class RejectComplaintRequestDto {
  @ApiProperty({ description: 'Why the complaint is not accepted', example: '不属于本部门管辖' })
  @IsString()
  @MaxLength(2000)
  reason!: string;

  @ApiPropertyOptional({ description: 'The day the step was taken (YYYY-MM-DD, China); today when absent; never after today', example: '2026-09-29' })
  @IsOptional()
  @Matches(CALENDAR_DATE_PATTERN, { message: 'on must be a date YYYY-MM-DD' })
  on?: string;
}
