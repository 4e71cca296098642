import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { ComplaintStepRequestDto } from '../complaint-step.request.dto.js';

export class EscalateToInspectionRequestDto extends ComplaintStepRequestDto {
  @ApiProperty({ description: 'Why a targeted inspection is needed', example: '涉嫌产品不符合声明的企业标准' })
  @IsString()
  @MaxLength(2000)
  reason!: string;
}
