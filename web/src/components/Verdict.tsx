import { Tag } from 'antd';
import { label, verdictColor, verdictLabel } from '../labels';

export function Verdict({ verdict }: { verdict: string | null | undefined }) {
  if (!verdict) return null;
  return (
    <Tag color={verdictColor[verdict]} data-testid="verdict">
      {label(verdictLabel, verdict)}
    </Tag>
  );
}
