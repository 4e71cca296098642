import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsOptional } from 'class-validator';

/** The fields are checked by the plan decider, which names every failing field (`scope.standardKinds[0]`, `policy.ratios.B`, …). */
export class CreateInspectionPlanRequestDto {
  @ApiProperty({ description: 'GB/T 2260 division code of the authority running the plan', example: '440100' })
  @IsDefined()
  jurisdiction!: string;

  @ApiProperty({ example: '2026年第一批企业标准自我声明双随机抽查', maxLength: 200 })
  @IsDefined()
  name!: string;

  @ApiPropertyOptional({ description: '{ productCategories?, standardKinds?, keyCategoriesOnly? }; absent lists mean all', example: { standardKinds: ['enterprise', 'group'], keyCategoriesOnly: true } })
  @IsOptional()
  scope?: Record<string, unknown>;

  @ApiPropertyOptional({ description: '{ ratios?: {A,B,C,D}, inspectorsPerTarget?, exclusionMonths?, requiredQualifications? }; absent values take the defaults', example: { ratios: { C: 0.3 } } })
  @IsOptional()
  policy?: Record<string, unknown>;

  @ApiProperty({ example: { from: '2026-04-01', to: '2026-06-30' } })
  @IsDefined()
  period!: { from: string; to: string };

  @ApiProperty({ description: 'SHA-256 of the secret as 64 lowercase hex digits', example: '66b746bcb1ee0c779b8a23fa13658d0665d484139f172cef884271098d3ede8c' })
  @IsDefined()
  commitment!: string;
}
