import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { PageRequestDto } from '@regledger/http';

export class GetInspectionPoolRequestDto extends PageRequestDto {
  @ApiProperty({ description: 'Division code of the authority whose pool to show', example: '440100' })
  @Matches(/^\d{6}$/, { message: 'jurisdiction must be a six-digit division code' })
  jurisdiction!: string;
}
