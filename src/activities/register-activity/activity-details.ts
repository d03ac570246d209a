import type { ActivityDetails } from '../domain/activity.events';
import type { RegisterActivityRequest } from './register-activity.request.dto';

/** The activity a registration request describes, for the API and for imports alike. */
export function activityDetailsOf(
  body: RegisterActivityRequest,
  activityId: string,
): ActivityDetails {
  return {
    activityId,
    kind: body.kind,
    code: body.code ?? null,
    title: body.title,
    level: body.level,
    category: body.category ?? null,
    subject: body.subject,
    format: body.format,
    credits: body.credits,
    hours: body.hours,
    jurisdiction: body.jurisdiction,
    organizerId: body.organizerId,
    ...(body.sessionsDeclared !== undefined ? { sessionsDeclared: body.sessionsDeclared } : {}),
    ...(body.organizerJurisdiction !== undefined
      ? { organizerJurisdiction: body.organizerJurisdiction }
      : {}),
  };
}
