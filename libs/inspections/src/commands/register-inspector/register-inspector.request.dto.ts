import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsOptional } from 'class-validator';

/** The fields are checked by the inspector decider, which names every failing field. */
export class RegisterInspectorRequestDto {
  @ApiProperty({ description: '1–64 letters, digits, ".", "_" or "-"', example: 'GZ-0012' })
  @IsDefined()
  inspectorId!: string;

  @ApiProperty({ example: '李明', maxLength: 100 })
  @IsDefined()
  name!: string;

  @ApiProperty({ description: 'GB/T 2260 division code the inspector acts in', example: '440100' })
  @IsDefined()
  jurisdiction!: string;

  @ApiProperty({ type: [String], example: ['enforcement_certificate', 'product_quality'] })
  @IsDefined()
  qualifications!: string[];

  @ApiPropertyOptional({ type: [String], description: 'USCCs the inspector must not inspect (Administrative Penalty Law art. 43)' })
  @IsOptional()
  conflicts?: string[];
}
