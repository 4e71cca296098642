import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { ComplaintStepRequestDto } from '../complaint-step.request.dto.js';

export class RejectComplaintRequestDto extends ComplaintStepRequestDto {
  @ApiProperty({ description: 'Why the complaint is not accepted', example: '不属于本部门管辖' })
  @IsString()
  @MaxLength(2000)
  reason!: string;
}
