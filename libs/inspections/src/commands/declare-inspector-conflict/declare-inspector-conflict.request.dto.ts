import { ApiProperty } from '@nestjs/swagger';
import { IsDefined } from 'class-validator';

export class DeclareInspectorConflictRequestDto {
  @ApiProperty({ description: 'USCC of the enterprise the inspector has an interest in', example: '914403001922038216' })
  @IsDefined()
  uscc!: string;
}
