import { ApiProperty } from '@nestjs/swagger';
import { IsDefined } from 'class-validator';

export class CancelInspectionPlanRequestDto {
  @ApiProperty({ example: '计划合并至第二批', maxLength: 1000 })
  @IsDefined()
  reason!: string;
}
