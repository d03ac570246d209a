import { Alert } from 'antd';

export function ErrorAlert({ error }: { error: string | null }) {
  if (!error) return null;
  return <Alert type="error" showIcon message={error} role="alert" style={{ margin: '12px 0' }} />;
}
