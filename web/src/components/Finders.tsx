import { Button, Form, Input, Space } from 'antd';
import { useState } from 'react';
import { api } from '../api';
import { kindLabel, label, titleLevelLabel, verdictLabel } from '../labels';
import { loadSession } from '../session';
import { formatShanghai } from '../time';
import type { FoundActivity, FoundPerson, Paged } from '../types';
import { useLoad } from '../useLoad';
import { DataTable } from './DataTable';
import { ErrorAlert } from './ErrorAlert';
import { defaultJurisdiction, JurisdictionPicker } from './JurisdictionPicker';

/** An 18-character resident ID number (or the old 15 digits): searched exactly; anything else is a name. */
export const looksLikeIdNumber = (text: string) => /^(\d{17}[\dXx]|\d{15})$/.test(text.trim());

/** The caller's jurisdictions to search in (a national actor types one). */
function useJurisdiction() {
  const [jurisdiction, setJurisdiction] = useState(defaultJurisdiction);
  const picker = (
    <JurisdictionPicker
      id="find-jurisdiction"
      value={jurisdiction}
      onChange={setJurisdiction}
      typed={(text) => text.trim()}
    />
  );
  return { jurisdiction, picker };
}

/**
 * 查找人员: by name (part of it, at least 2 characters) or exact ID number, within the caller's
 * scope (an employer: its own staff). `onPick` adds a button per row.
 */
export function PersonFinder(props: {
  onPick?: (person: FoundPerson) => void;
  pickLabel?: string;
  year?: number;
}) {
  const session = loadSession();
  const { jurisdiction, picker } = useJurisdiction();
  const [text, setText] = useState('');
  const year = props.year ?? 2026;
  const found = useLoad(async (j: string, q: string) => {
    const by = looksLikeIdNumber(q)
      ? `idNumber=${encodeURIComponent(q.trim().toUpperCase())}`
      : `name=${encodeURIComponent(q)}`;
    const employer =
      session?.roles.includes('employer') && session.org
        ? `&employer=${encodeURIComponent(session.org)}`
        : '';
    return (
      await api<Paged<FoundPerson>>(
        `/persons?jurisdiction=${j}&${by}${employer}&year=${year}&pageSize=50`,
      )
    ).body;
  });
  return (
    <div data-testid="person-finder">
      <Form layout="inline" onFinish={() => void found.run(jurisdiction, text)}>
        <Form.Item label="辖区（Region）" htmlFor="find-jurisdiction">
          {picker}
        </Form.Item>
        <Form.Item label="姓名或身份证号（Name or ID number）" htmlFor="find-person">
          <Input
            id="find-person"
            value={text}
            onChange={(e) => setText(e.target.value)}
            style={{ width: 240 }}
            autoComplete="off"
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={found.loading}>
          查找人员
        </Button>
      </Form>
      <ErrorAlert error={found.error} />
      {found.data && (
        <DataTable<FoundPerson>
          caption={`人员（${found.data.total}）`}
          rows={found.data.items}
          rowKey="personId"
          exportName={`persons-${jurisdiction}`}
          columns={[
            { title: '姓名', dataIndex: 'name', render: (n: string | null) => n ?? '（已删除）' },
            { title: '身份证号', dataIndex: 'idNumber' },
            {
              title: '职称',
              dataIndex: 'titleLevel',
              render: (v: string) => label(titleLevelLabel, v),
            },
            { title: '用人单位', dataIndex: 'employerId' },
            {
              title: `${year} 年结论`,
              key: 'verdict',
              render: (_: unknown, p: FoundPerson) =>
                p.year
                  ? `${label(verdictLabel, p.year.verdict)}（${p.year.countedCredits} 学分）`
                  : '—',
            },
            { title: '人员编号', dataIndex: 'personId', render: (id: string) => <code>{id}</code> },
            ...(props.onPick
              ? [
                  {
                    title: '操作',
                    key: 'pick',
                    render: (_: unknown, p: FoundPerson) => (
                      <Button size="small" onClick={() => props.onPick?.(p)}>
                        {`${props.pickLabel ?? '选择'} ${p.name ?? ''}`.trim()}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
          exportColumns={[
            { header: '姓名', value: (p) => p.name ?? '' },
            { header: '身份证号', value: (p) => p.idNumber ?? '' },
            { header: '职称', value: (p) => label(titleLevelLabel, p.titleLevel) },
            { header: '用人单位', value: (p) => p.employerId ?? '' },
            { header: `${year} 年结论`, value: (p) => label(verdictLabel, p.year?.verdict ?? '') },
            { header: '人员编号', value: (p) => p.personId },
          ]}
        />
      )}
    </div>
  );
}

export interface PickedSession {
  activity: FoundActivity;
  session: FoundActivity['sessions'][number];
}

/** 查找项目: activities by title (part of it) or project code, each session listed with its time. */
export function ActivityFinder(props: { onPick?: (picked: PickedSession) => void }) {
  const session = loadSession();
  const { jurisdiction, picker } = useJurisdiction();
  const [text, setText] = useState('');
  const found = useLoad(async (j: string, q: string) => {
    const organizer =
      session?.roles.includes('organizer') && session.org
        ? `&organizer=${encodeURIComponent(session.org)}`
        : '';
    return (
      await api<Paged<FoundActivity>>(
        `/activities?jurisdiction=${j}&q=${encodeURIComponent(q.trim())}${organizer}&pageSize=50`,
      )
    ).body;
  });
  const rows = (found.data?.items ?? []).flatMap((activity) =>
    activity.sessions.map((s) => ({ key: s.sessionId, activity, session: s })),
  );
  return (
    <div data-testid="activity-finder">
      <Form layout="inline" onFinish={() => void found.run(jurisdiction, text)}>
        <Form.Item label="辖区（Region）" htmlFor="find-jurisdiction">
          {picker}
        </Form.Item>
        <Form.Item label="项目名称或编号（Title or code）" htmlFor="find-activity">
          <Input
            id="find-activity"
            value={text}
            onChange={(e) => setText(e.target.value)}
            style={{ width: 240 }}
            autoComplete="off"
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={found.loading}>
          查找项目
        </Button>
      </Form>
      <ErrorAlert error={found.error} />
      {found.data && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <DataTable<(typeof rows)[number]>
            caption={`项目场次（${found.data.total} 个项目）`}
            rows={rows}
            rowKey="key"
            exportName={`activities-${jurisdiction}`}
            columns={[
              { title: '项目名称', key: 'title', render: (_: unknown, r) => r.activity.title },
              { title: '项目编号', key: 'code', render: (_: unknown, r) => r.activity.code ?? '—' },
              {
                title: '类型',
                key: 'kind',
                render: (_: unknown, r) => label(kindLabel, r.activity.kind),
              },
              { title: '学分', key: 'credits', render: (_: unknown, r) => r.activity.credits },
              {
                title: '开始时间（北京时间）',
                key: 'startsAt',
                render: (_: unknown, r) => formatShanghai(r.session.startsAt),
              },
              { title: '地点', key: 'location', render: (_: unknown, r) => r.session.location },
              {
                title: '举办单位',
                key: 'organizer',
                render: (_: unknown, r) => r.activity.organizerId,
              },
              ...(props.onPick
                ? [
                    {
                      title: '操作',
                      key: 'pick',
                      render: (_: unknown, r: (typeof rows)[number]) => (
                        <Button size="small" onClick={() => props.onPick?.(r)}>
                          {`选择场次 ${formatShanghai(r.session.startsAt).slice(0, 10)}`}
                        </Button>
                      ),
                    },
                  ]
                : []),
            ]}
            exportColumns={[
              { header: '项目名称', value: (r) => r.activity.title },
              { header: '项目编号', value: (r) => r.activity.code ?? '' },
              { header: '学分', value: (r) => r.activity.credits },
              { header: '开始时间（北京时间）', value: (r) => formatShanghai(r.session.startsAt) },
              { header: '地点', value: (r) => r.session.location },
              { header: '场次编号', value: (r) => r.session.sessionId },
            ]}
          />
        </Space>
      )}
    </div>
  );
}
