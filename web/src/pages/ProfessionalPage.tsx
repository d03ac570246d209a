import { Typography } from 'antd';
import type { Session } from '../session';

export default function ProfessionalPage({ session }: { session: Session | null }) {
  return <Typography.Title level={2}>ProfessionalPage {session?.org}</Typography.Title>;
}
