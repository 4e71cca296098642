import { ApiProperty } from '@nestjs/swagger';
import { IsDefined } from 'class-validator';

export class UpdateInspectorQualificationsRequestDto {
  @ApiProperty({ type: [String], description: 'The new full set of qualifications', example: ['enforcement_certificate'] })
  @IsDefined()
  qualifications!: string[];
}
