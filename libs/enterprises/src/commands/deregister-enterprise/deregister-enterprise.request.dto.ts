import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { CALENDAR_DATE_PATTERN } from '@regledger/http';

export class DeregisterEnterpriseRequestDto {
  @ApiProperty({ description: 'Day the enterprise leaves the register (YYYY-MM-DD)', example: '2026-06-30' })
  @IsString()
  @Matches(CALENDAR_DATE_PATTERN, { message: 'effectiveDate must be a date YYYY-MM-DD' })
  effectiveDate!: string;

  @ApiProperty({ example: '营业执照注销', maxLength: 1000 })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  @Matches(/\S/, { message: 'reason must not be blank' })
  reason!: string;
}
