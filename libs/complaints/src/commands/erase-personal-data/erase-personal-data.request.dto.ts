import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { ERASURE_REASON_MAX_LENGTH } from '../../domain/index.js';

export class PersonalIdentityRequestDto {
  @ApiPropertyOptional({ description: 'Identity document number', example: '440305199001011234' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  idNumber?: string;

  @ApiPropertyOptional({ description: 'Phone', example: '13812345678' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  phone?: string;

  @ApiPropertyOptional({ description: 'E-mail', example: 'zhang.san@example.com' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  email?: string;
}

export class ErasePersonalDataRequestDto {
  @ApiPropertyOptional({ description: 'Erase the complainant or reporter of this complaint (and every other record of the same person)' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  complaintId?: string;

  @ApiPropertyOptional({ type: PersonalIdentityRequestDto, description: 'Or the person, by identity number, else phone, else e-mail (as given at intake)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => PersonalIdentityRequestDto)
  identity?: PersonalIdentityRequestDto;

  @ApiProperty({ description: 'Why: the reference of the request (PIPL art. 47); never personal data', example: 'PIPL request 2026-0042' })
  @IsString()
  @MaxLength(ERASURE_REASON_MAX_LENGTH)
  reason!: string;
}
