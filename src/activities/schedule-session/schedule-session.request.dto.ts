import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { IsInstant } from '../../shared/http/validators';

export class ScheduleSessionRequest {
  @ApiProperty({ example: '2026-05-10T08:30:00+08:00' })
  @IsInstant()
  startsAt!: string;

  @ApiProperty({ example: '2026-05-10T17:30:00+08:00' })
  @IsInstant()
  endsAt!: string;

  @ApiProperty({ example: '杭州市 浙江大学医学院附属第一医院 报告厅' })
  @IsString()
  @Length(2, 200)
  location!: string;
}
