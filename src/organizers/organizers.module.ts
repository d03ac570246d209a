import { Module } from '@nestjs/common';
import { OrganizerAnnulmentsController } from './annulments/annulments.controller';
import { OrganizerSanctions } from './organizer-sanctions';
import { SanctionsController } from './sanctions/sanctions.controller';

/** Organizers (项目申办单位): the sanctions recorded on them (R16). */
@Module({
  controllers: [SanctionsController, OrganizerAnnulmentsController],
  providers: [OrganizerSanctions],
  exports: [OrganizerSanctions],
})
export class OrganizersModule {}
