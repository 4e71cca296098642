import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsOptional, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';

export class FindingRequestDto {
  @ApiProperty({ description: 'Indicator name as declared', example: '洁净空气量' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  indicator!: string;

  @ApiProperty({ description: 'The value the declaration discloses', example: '≥500' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  declaredValue!: string;

  @ApiProperty({ description: 'The value measured on the sample', example: '455' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  measuredValue!: string;

  @ApiPropertyOptional({ example: 'm³/h', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  unit?: string | null;

  @ApiPropertyOptional({ example: 'GB/T 18801-2022 附录B', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  testMethod?: string | null;

  @ApiProperty({ description: 'Whether the measured value meets the declared one' })
  @IsBoolean()
  conforming!: boolean;
}

export class RecordFindingsRequestDto {
  @ApiProperty({ type: [FindingRequestDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => FindingRequestDto)
  findings!: FindingRequestDto[];
}
