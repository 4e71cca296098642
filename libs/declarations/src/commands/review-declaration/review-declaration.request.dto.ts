import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsObject, IsOptional, IsString, Matches, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { DeclarationContentRequestDto } from '../declaration-content.request.dto.js';
import { CALENDAR_DATE_PATTERN } from '@regledger/http';


/** A review (复审) ends in one of three outcomes: the standard stays valid, is revised, or is abolished. */
export class ReviewDeclarationRequestDto {
  @ApiProperty({ enum: ['confirm', 'revise', 'abolish'] })
  @IsIn(['confirm', 'revise', 'abolish'])
  outcome!: 'confirm' | 'revise' | 'abolish';

  @ApiPropertyOptional({ type: DeclarationContentRequestDto, description: 'Required when outcome is revise' })
  @ValidateIf((o: ReviewDeclarationRequestDto) => o.outcome === 'revise')
  @IsDefined()
  @ValidateNested()
  @IsObject()
  @Type(() => DeclarationContentRequestDto)
  content?: DeclarationContentRequestDto;

  @ApiPropertyOptional({ description: 'Required when outcome is revise or abolish (YYYY-MM-DD)' })
  @ValidateIf((o: ReviewDeclarationRequestDto) => o.outcome !== 'confirm')
  @Matches(CALENDAR_DATE_PATTERN, { message: 'effectiveDate must be a date YYYY-MM-DD' })
  effectiveDate?: string;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}
