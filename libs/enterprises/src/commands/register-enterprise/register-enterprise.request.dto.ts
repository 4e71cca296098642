import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches, MaxLength, MinLength } from 'class-validator';

export class RegisterEnterpriseRequestDto {
  @ApiProperty({ description: 'Unified social credit code (GB 32100-2015), 18 characters with its check character', example: '914403001922038216' })
  @IsString()
  @Length(18, 18)
  uscc!: string;

  @ApiProperty({ example: '华为技术有限公司', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiProperty({ description: 'GB/T 2260 division code of the supervising authority', example: '440307' })
  @IsString()
  @Matches(/^\d{6}$/, { message: 'jurisdiction must be a six-digit division code' })
  jurisdiction!: string;

  @ApiProperty({ example: '深圳市龙岗区坂田华为总部办公楼', maxLength: 500 })
  @IsString()
  @MaxLength(500)
  address!: string;

  @ApiProperty({ example: '计算机、通信和其他电子设备制造业', maxLength: 100 })
  @IsString()
  @MaxLength(100)
  industry!: string;
}
