import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601, IsString, Length, Matches, MaxLength, MinLength } from 'class-validator';
import { CALENDAR_DATE_PATTERN } from '@regledger/http';

export class FindDeclarationInForceRequestDto {
  @ApiProperty({ example: '914403001922038216' })
  @IsString()
  @Length(18, 18)
  uscc!: string;

  @ApiProperty({ description: 'Product name as declared', example: '空气净化器' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  product!: string;

  @ApiProperty({ description: 'Model or specification as declared (empty for none)', example: 'KJ500G-A1' })
  @IsString()
  @MaxLength(200)
  model!: string;

  @ApiProperty({ description: 'Production date (YYYY-MM-DD)', example: '2026-03-15' })
  @Matches(CALENDAR_DATE_PATTERN, { message: 'date must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'date must be a real calendar date' })
  date!: string;
}
