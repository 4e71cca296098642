import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsString, MaxLength, MinLength } from 'class-validator';
import { CreditStepRequestDto } from '../credit-step.request.dto.js';

export class DecideRepairRequestDto extends CreditStepRequestDto {
  @ApiProperty({ description: 'true grants the repair (checked against SAMR 2021 No. 3 / Order 44), false refuses it' })
  @IsBoolean()
  grant!: boolean;

  @ApiProperty({ example: '已履行行政处罚决定，消除不良影响' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason!: string;
}
