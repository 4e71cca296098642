import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { ABNORMAL_REASONS, type AbnormalReason } from '../../domain/index.js';
import { CreditStepRequestDto } from '../credit-step.request.dto.js';

export class PlaceOnAbnormalListRequestDto extends CreditStepRequestDto {
  @ApiProperty({ enum: [...ABNORMAL_REASONS] })
  @IsIn(ABNORMAL_REASONS)
  reason!: AbnormalReason;
}
