import { ApiProperty } from '@nestjs/swagger';
import { IsDefined } from 'class-validator';

export class DeactivateInspectorRequestDto {
  @ApiProperty({ example: '调离执法岗位', maxLength: 1000 })
  @IsDefined()
  reason!: string;
}
