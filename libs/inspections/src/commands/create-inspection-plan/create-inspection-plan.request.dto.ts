import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsObject, IsOptional, ValidateNested } from 'class-validator';

/*
 * The values are checked by the plan decider, which names every failing field (`scope.standardKinds[0]`,
 * `policy.ratios.B`, …); these classes only list the members each object may have, so a member nobody knows
 * is refused as an unknown field instead of being ignored.
 */

export class PlanScopeRequestDto {
  @IsOptional()
  productCategories?: unknown;

  @IsOptional()
  standardKinds?: unknown;

  @IsOptional()
  keyCategoriesOnly?: unknown;
}

export class PlanRatiosRequestDto {
  @IsOptional()
  A?: unknown;

  @IsOptional()
  B?: unknown;

  @IsOptional()
  C?: unknown;

  @IsOptional()
  D?: unknown;
}

export class PlanPolicyRequestDto {
  @IsOptional()
  @ValidateNested()
  @IsObject()
  @Type(() => PlanRatiosRequestDto)
  ratios?: PlanRatiosRequestDto;

  @IsOptional()
  inspectorsPerTarget?: unknown;

  @IsOptional()
  exclusionMonths?: unknown;

  @IsOptional()
  requiredQualifications?: unknown;
}

export class PlanPeriodRequestDto {
  @IsDefined()
  from!: string;

  @IsDefined()
  to!: string;
}

export class CreateInspectionPlanRequestDto {
  @ApiProperty({ description: 'GB/T 2260 division code of the authority running the plan', example: '440100' })
  @IsDefined()
  jurisdiction!: string;

  @ApiProperty({ example: '2026年第一批企业标准自我声明双随机抽查', maxLength: 200 })
  @IsDefined()
  name!: string;

  @ApiPropertyOptional({ description: '{ productCategories?, standardKinds?, keyCategoriesOnly? }; absent lists mean all', example: { standardKinds: ['enterprise', 'group'], keyCategoriesOnly: true } })
  @IsOptional()
  @ValidateNested()
  @IsObject()
  @Type(() => PlanScopeRequestDto)
  scope?: PlanScopeRequestDto;

  @ApiPropertyOptional({ description: '{ ratios?: {A,B,C,D}, inspectorsPerTarget?, exclusionMonths?, requiredQualifications? }; absent values take the defaults', example: { ratios: { C: 0.3 } } })
  @IsOptional()
  @ValidateNested()
  @IsObject()
  @Type(() => PlanPolicyRequestDto)
  policy?: PlanPolicyRequestDto;

  @ApiProperty({ example: { from: '2026-04-01', to: '2026-06-30' } })
  @IsDefined()
  @ValidateNested()
  @IsObject()
  @Type(() => PlanPeriodRequestDto)
  period!: PlanPeriodRequestDto;

  @ApiProperty({ description: 'SHA-256 of the secret as 64 lowercase hex digits', example: '66b746bcb1ee0c779b8a23fa13658d0665d484139f172cef884271098d3ede8c' })
  @IsDefined()
  commitment!: string;
}
