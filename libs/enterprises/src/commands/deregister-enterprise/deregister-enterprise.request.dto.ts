import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';

export class DeregisterEnterpriseRequestDto {
  @ApiProperty({ description: 'Day the enterprise leaves the register (YYYY-MM-DD)', example: '2026-06-30' })
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'effectiveDate must be a date YYYY-MM-DD' })
  effectiveDate!: string;

  @ApiProperty({ example: '营业执照注销', maxLength: 1000 })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  reason!: string;
}
