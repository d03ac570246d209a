import { Typography } from 'antd';

export default function AuditorPage() {
  return <Typography.Title level={2}>AuditorPage</Typography.Title>;
}
