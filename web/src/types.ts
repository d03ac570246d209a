export interface Paged<T> {
  page: number;
  pageSize: number;
  total: number;
  items: T[];
}

export interface YearStatus {
  year: number;
  verdict: string;
  countedCredits: string;
  countedHours: string;
  pendingCredits: string;
  profile: string;
  reasons: string[];
}

export interface FoundPerson {
  personId: string;
  name: string | null;
  idNumber: string | null;
  jurisdiction: string;
  profession: string;
  titleLevel: string;
  grassroots: boolean;
  employerId: string | null;
  year: YearStatus | null;
}

export interface PersonYear {
  personId: string;
  year: number;
  asOf: string | null;
  verdict: string;
  reasons: string[];
  profile: string;
  counted: {
    credits: string;
    hours: string;
    byCategory: Record<string, string>;
    bySubject: Record<string, string>;
    byKind: Record<string, string>;
  };
  pending: { count: number; credits: string; hours: string };
}

export interface Credit {
  creditId: string;
  personId: string;
  status: string;
  amount: string;
  category: string | null;
  subject: string;
  kind: string;
  format: string;
  level: string;
  activityId: string | null;
  sessionId: string | null;
  earnedAt: string;
  creditYear: number;
  profile: string;
  calculation: string;
  reasons: string[];
}

export interface TraceStep {
  type: string;
  eventId: string;
  actor: string;
  role: string;
  reason: string | null;
  occurredAt: string;
  recordedAt: string;
  globalPosition: string;
  position: string;
  hash: string;
  data: Record<string, unknown>;
}

export interface FoundActivity {
  activityId: string;
  title: string;
  code: string | null;
  kind: string;
  level: string;
  credits: string;
  hours: string;
  organizerId: string;
  annulled: string | null;
  sessions: {
    sessionId: string;
    startsAt: string;
    endsAt: string;
    location: string;
    creditYear: number;
  }[];
}
