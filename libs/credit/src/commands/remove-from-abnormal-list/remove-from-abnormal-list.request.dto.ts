import { ApiProperty } from '@nestjs/swagger';
import { IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { CreditStepRequestDto } from '../credit-step.request.dto.js';

export class RemoveFromAbnormalListRequestDto extends CreditStepRequestDto {
  @ApiProperty({ description: 'The listing to end' })
  @IsUUID()
  listingId!: string;

  @ApiProperty({ description: 'How the cause was cured', example: '已补报2025年度年报' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  cure!: string;
}
