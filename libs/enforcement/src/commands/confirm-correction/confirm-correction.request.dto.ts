import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { MatterStepRequestDto } from '../matter-step.request.dto.js';

export class ConfirmCorrectionRequestDto extends MatterStepRequestDto {
  @ApiPropertyOptional({ description: 'How the correction was verified', example: '已在平台补充公开执行标准' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}
