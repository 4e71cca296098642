import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { COMPLAINT_CLOSE_OUTCOMES, type ComplaintCloseOutcome } from '../../domain/index.js';
import { ComplaintStepRequestDto } from '../complaint-step.request.dto.js';

export class CloseComplaintRequestDto extends ComplaintStepRequestDto {
  @ApiProperty({ enum: [...COMPLAINT_CLOSE_OUTCOMES] })
  @IsIn(COMPLAINT_CLOSE_OUTCOMES)
  outcome!: ComplaintCloseOutcome;

  @ApiProperty({ description: 'How the complaint ended', example: '调解达成协议，已履行' })
  @IsString()
  @MaxLength(2000)
  summary!: string;
}
