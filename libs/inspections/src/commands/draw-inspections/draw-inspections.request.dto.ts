import { ApiProperty } from '@nestjs/swagger';
import { IsDefined, IsString } from 'class-validator';

export class DrawInspectionsRequestDto {
  @ApiProperty({ description: 'The secret whose SHA-256 is the plan\'s commitment (at least 32 characters)', example: '6f1c2d3e4b5a69788796a5b4c3d2e1f0' })
  @IsDefined()
  @IsString()
  secret!: string;
}
