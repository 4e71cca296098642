import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { MatterStepRequestDto } from '../matter-step.request.dto.js';

export class RequestFollowUpInspectionRequestDto extends MatterStepRequestDto {
  @ApiProperty({ enum: [1, 2, 3], description: '1 after the order to correct, 2 after the public notice (60–90 days on), 3 after the suspension' })
  @IsIn([1, 2, 3], { message: 'round must be 1, 2 or 3' })
  round!: number;
}
