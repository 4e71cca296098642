import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsObject, IsString, Length, ValidateNested } from 'class-validator';
import { DeclarationContentRequestDto } from '../declaration-content.request.dto.js';

export class DeclareStandardRequestDto {
  @ApiProperty({ description: 'USCC of the declaring enterprise', example: '914403001922038216' })
  @IsString()
  @Length(18, 18)
  uscc!: string;

  @ApiProperty({ type: DeclarationContentRequestDto })
  @IsDefined()
  @ValidateNested()
  @IsObject()
  @Type(() => DeclarationContentRequestDto)
  content!: DeclarationContentRequestDto;
}
