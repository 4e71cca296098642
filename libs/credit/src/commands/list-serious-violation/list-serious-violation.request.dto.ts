import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { CreditStepRequestDto } from '../credit-step.request.dto.js';

export class ListSeriousViolationRequestDto extends CreditStepRequestDto {
  @ApiProperty({ description: 'The case whose heavy penalty grounds the listing (SAMR Order 44)' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @Matches(/\S/, { message: 'caseId must not be blank' })
  caseId!: string;
}
