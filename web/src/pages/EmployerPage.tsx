import { Typography } from 'antd';
import type { Session } from '../session';

export default function EmployerPage({ session }: { session: Session | null }) {
  return <Typography.Title level={2}>EmployerPage {session?.org}</Typography.Title>;
}
