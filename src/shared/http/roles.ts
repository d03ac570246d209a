/** The roles a token may carry (claim `roles`). */
export const actorRoles = [
  'professional',
  'organizer',
  'employer',
  'committee',
  'auditor',
  'admin',
] as const;
export type ActorRole = (typeof actorRoles)[number];
