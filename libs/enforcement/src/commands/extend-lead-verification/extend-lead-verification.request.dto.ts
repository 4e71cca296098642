import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { CaseStepRequestDto } from '../case-step.request.dto.js';

export class ExtendLeadVerificationRequestDto extends CaseStepRequestDto {
  @ApiProperty({ example: '需进一步调取证据' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason!: string;
}
