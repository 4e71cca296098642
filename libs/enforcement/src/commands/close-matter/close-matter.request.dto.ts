import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { MANUAL_CLOSE_OUTCOMES, type MatterCloseOutcome } from '../../domain/index.js';
import { MatterStepRequestDto } from '../matter-step.request.dto.js';

export class CloseMatterRequestDto extends MatterStepRequestDto {
  @ApiProperty({ enum: [...MANUAL_CLOSE_OUTCOMES] })
  @IsIn(MANUAL_CLOSE_OUTCOMES)
  outcome!: MatterCloseOutcome;

  @ApiProperty({ example: '转立案查处' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason!: string;
}
