import { Tag, type TableColumnsType } from 'antd';
import type { MessageKey } from '../i18n';
import { creditStatusLabel, kindLabel, label, subjectLabel } from '../labels';
import { formatShanghai } from '../time';
import type { Credit } from '../types';

/** The columns every list of a person's credits shows (amount, status, kind, subject, when, why). */
export function creditColumns(t: (key: MessageKey) => string): TableColumnsType<Credit> {
  return [
    { title: t('amount'), dataIndex: 'amount' },
    {
      title: t('status'),
      dataIndex: 'status',
      render: (s: string) => <Tag>{label(creditStatusLabel, s)}</Tag>,
    },
    { title: '类型', dataIndex: 'kind', render: (k: string) => label(kindLabel, k) },
    {
      title: t('subject'),
      dataIndex: 'subject',
      render: (s: string) => label(subjectLabel, s),
    },
    { title: '获得时间', dataIndex: 'earnedAt', render: formatShanghai },
    { title: t('reasons'), dataIndex: 'reasons', render: (r: string[]) => r.join('；') },
  ];
}
