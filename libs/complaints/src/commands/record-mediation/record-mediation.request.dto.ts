import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { MEDIATION_OUTCOMES, type MediationOutcome } from '../../domain/index.js';
import { ComplaintStepRequestDto } from '../complaint-step.request.dto.js';

export class RecordMediationRequestDto extends ComplaintStepRequestDto {
  @ApiProperty({ enum: [...MEDIATION_OUTCOMES] })
  @IsIn(MEDIATION_OUTCOMES)
  outcome!: MediationOutcome;

  @ApiProperty({ description: 'What the parties agreed or why mediation failed', example: '经调解，经营者同意退货退款' })
  @IsString()
  @MaxLength(2000)
  summary!: string;
}
