import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsIn, IsObject, IsString, MaxLength, MinLength, ValidateIf, ValidateNested } from 'class-validator';
import { CreditStepRequestDto } from '../credit-step.request.dto.js';

export class RepairTargetDto {
  @ApiProperty({ enum: ['penalty_publication', 'serious_violation_list'] })
  @IsIn(['penalty_publication', 'serious_violation_list'])
  kind!: 'penalty_publication' | 'serious_violation_list';

  @ApiPropertyOptional({ description: 'penalty_publication: the case' })
  @ValidateIf((o: RepairTargetDto) => o.kind === 'penalty_publication')
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  caseId?: string;

  @ApiPropertyOptional({ description: 'serious_violation_list: the listing' })
  @ValidateIf((o: RepairTargetDto) => o.kind === 'serious_violation_list')
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  listingId?: string;
}

export class ApplyForRepairRequestDto extends CreditStepRequestDto {
  @ApiProperty({ type: RepairTargetDto })
  @IsDefined()
  @ValidateNested()
  @IsObject()
  @Type(() => RepairTargetDto)
  target!: RepairTargetDto;

  @ApiProperty()
  @IsBoolean()
  obligationsFulfilled!: boolean;

  @ApiProperty()
  @IsBoolean()
  harmRemedied!: boolean;
}
