import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsUUID } from 'class-validator';
import { CreditStepRequestDto } from '../credit-step.request.dto.js';

export class RemoveFromSeriousViolationListRequestDto extends CreditStepRequestDto {
  @ApiProperty()
  @IsUUID()
  listingId!: string;

  @ApiProperty({ enum: ['term_elapsed', 'early_removal'] })
  @IsIn(['term_elapsed', 'early_removal'])
  reason!: 'term_elapsed' | 'early_removal';

  @ApiPropertyOptional({ description: 'Early removal: obligations fulfilled' })
  @IsOptional()
  @IsBoolean()
  obligationsFulfilled?: boolean;

  @ApiPropertyOptional({ description: 'Early removal: harm remedied' })
  @IsOptional()
  @IsBoolean()
  harmRemedied?: boolean;
}
