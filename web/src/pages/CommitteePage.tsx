import { Typography } from 'antd';

export default function CommitteePage() {
  return <Typography.Title level={2}>CommitteePage</Typography.Title>;
}
