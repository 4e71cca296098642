import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsIn, IsOptional, IsString, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { CALENDAR_DATE_PATTERN } from '@regledger/http';
import { COMPLAINT_CHANNELS, COMPLAINT_KINDS, type ComplaintChannel, type ComplaintKind } from '../../domain/index.js';

export class ComplainantRequestDto {
  @ApiProperty({ description: 'Name as given; confidential', example: '张三' })
  @IsString()
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ description: 'Identity document number; confidential', example: '440305199001011234' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  idNumber?: string;

  @ApiPropertyOptional({ description: 'Phone; confidential', example: '13812345678' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  phone?: string;

  @ApiPropertyOptional({ description: 'E-mail; confidential', example: 'zhang.san@example.com' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  email?: string;

  @ApiProperty({ description: 'Whether the person gave their real name (a real-name reporter is told of the case decision, art. 31)' })
  @IsBoolean()
  realName!: boolean;
}

export class ComplainedProductRequestDto {
  @ApiProperty({ example: '空气净化器' })
  @IsString()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: 'KJ500F-A1' })
  @IsString()
  @MaxLength(200)
  model!: string;
}

export class ReceiveComplaintRequestDto {
  @ApiProperty({ enum: [...COMPLAINT_KINDS], description: 'complaint: a consumer dispute to mediate; report: a violation lead to verify' })
  @IsIn(COMPLAINT_KINDS)
  kind!: ComplaintKind;

  @ApiProperty({ enum: [...COMPLAINT_CHANNELS] })
  @IsIn(COMPLAINT_CHANNELS)
  channel!: ComplaintChannel;

  @ApiProperty({ description: 'USCC of the business complained about; need not be registered here', example: '914403001922038216' })
  @IsString()
  @Length(18, 18)
  uscc!: string;

  @ApiPropertyOptional({ description: 'A declaration of that enterprise the complaint is about', example: '914403001922038216-0197a000-0000-7000-8000-000000000001' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  declarationId?: string;

  @ApiPropertyOptional({ type: ComplainedProductRequestDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ComplainedProductRequestDto)
  product?: ComplainedProductRequestDto;

  @ApiProperty({ description: 'What happened', example: '洁净空气量与声明的企业标准不符' })
  @IsString()
  @MaxLength(5000)
  facts!: string;

  @ApiProperty({ type: ComplainantRequestDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => ComplainantRequestDto)
  complainant!: ComplainantRequestDto;

  @ApiPropertyOptional({ description: 'When the consumer knew of the harm (YYYY-MM-DD); a complaint more than 3 years later is rejected (art. 15)', example: '2026-09-01' })
  @IsOptional()
  @Matches(CALENDAR_DATE_PATTERN, { message: 'harmKnownOn must be a date YYYY-MM-DD' })
  harmKnownOn?: string;

  @ApiProperty({ description: 'When the authority received it (YYYY-MM-DD, not after today)', example: '2026-09-28' })
  @Matches(CALENDAR_DATE_PATTERN, { message: 'receivedOn must be a date YYYY-MM-DD' })
  receivedOn!: string;

  @ApiProperty({ description: 'Division code of the handling authority', example: '440305' })
  @Matches(/^\d{6}$/, { message: 'jurisdiction must be a six-digit division code' })
  jurisdiction!: string;
}
