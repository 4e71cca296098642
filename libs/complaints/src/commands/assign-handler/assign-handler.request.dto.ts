import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { ComplaintStepRequestDto } from '../complaint-step.request.dto.js';

export class AssignHandlerRequestDto extends ComplaintStepRequestDto {
  @ApiProperty({ description: 'The user id of the handler in charge', example: 'handler-440305-07' })
  @IsString()
  @MaxLength(128)
  handlerId!: string;
}
