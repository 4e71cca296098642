import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { ComplaintStepRequestDto } from '../complaint-step.request.dto.js';

export class ExtendVerificationRequestDto extends ComplaintStepRequestDto {
  @ApiProperty({ description: 'Why verification needs 15 more working days', example: '需要送检' })
  @IsString()
  @MaxLength(2000)
  reason!: string;
}
