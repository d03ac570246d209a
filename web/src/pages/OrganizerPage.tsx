import { Typography } from 'antd';

export default function OrganizerPage() {
  return <Typography.Title level={2}>OrganizerPage</Typography.Title>;
}
