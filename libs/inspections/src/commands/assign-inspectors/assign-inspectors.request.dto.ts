import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, MaxLength } from 'class-validator';

export class AssignInspectorsRequestDto {
  @ApiProperty({ type: [String], description: 'The inspectors carrying out the inspection (two or more); replaces the current list', example: ['insp-001', 'insp-002'] })
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  inspectorIds!: string[];

  @ApiPropertyOptional({ description: 'Why (recorded with the event)' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}
