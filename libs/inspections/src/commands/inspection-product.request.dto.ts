import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

/** A product as declared: name (brand included) and model. */
export class InspectedProductRequestDto {
  @ApiProperty({ example: '空气净化器' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiProperty({ description: 'Model or specification as declared (empty for none)', example: 'KJ500G-A1' })
  @IsString()
  @MaxLength(200)
  model!: string;
}
