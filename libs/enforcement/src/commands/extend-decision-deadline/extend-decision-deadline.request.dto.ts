import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { CaseStepRequestDto } from '../case-step.request.dto.js';

export class ExtendDecisionDeadlineRequestDto extends CaseStepRequestDto {
  @ApiProperty({ description: "The approval's reference (art. 60: extension with approval)", example: '深市监延〔2026〕12号' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  approvalReference!: string;
}
