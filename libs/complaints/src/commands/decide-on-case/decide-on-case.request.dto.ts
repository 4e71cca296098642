import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsString, MaxLength } from 'class-validator';
import { ComplaintStepRequestDto } from '../complaint-step.request.dto.js';

export class DecideOnCaseRequestDto extends ComplaintStepRequestDto {
  @ApiProperty({ description: 'Whether a case is opened' })
  @IsBoolean()
  openCase!: boolean;

  @ApiProperty({ description: 'Why a case is or is not opened', example: '涉嫌虚假声明' })
  @IsString()
  @MaxLength(2000)
  reason!: string;
}
