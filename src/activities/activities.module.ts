import { Module } from '@nestjs/common';
import { OrganizersModule } from '../organizers/organizers.module';
import { PersonsModule } from '../persons/persons.module';
import { AnnulActivityController } from './annul-activity/annul-activity.controller';
import { AnnulActivityHandler } from './annul-activity/annul-activity.handler';
import { RegisterActivityController } from './register-activity/register-activity.controller';
import { RegisterActivityHandler } from './register-activity/register-activity.handler';
import { ScheduleSessionController } from './schedule-session/schedule-session.controller';
import { ScheduleSessionHandler } from './schedule-session/schedule-session.handler';

@Module({
  imports: [PersonsModule, OrganizersModule],
  controllers: [RegisterActivityController, ScheduleSessionController, AnnulActivityController],
  providers: [RegisterActivityHandler, ScheduleSessionHandler, AnnulActivityHandler],
})
export class ActivitiesModule {}
