import { Card, Space, Typography } from 'antd';
import { ActivityFinder, PersonFinder } from '../components/Finders';
import type { Role } from '../session';

/** Who may look people up, and who activities (as GET /persons and GET /activities allow). */
export const personFinders: Role[] = ['auditor', 'committee', 'admin', 'employer'];
export const activityFinders: Role[] = ['auditor', 'committee', 'admin', 'organizer'];

/** 查找: people by name or ID number, activities by title or code, within the caller's scope. */
export default function SearchPage({ roles }: { roles: Role[] }) {
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={2}>查找（Search）</Typography.Title>
      {roles.some((r) => personFinders.includes(r)) && (
        <Card title="人员：按姓名或身份证号（People by name or ID number）">
          <PersonFinder />
        </Card>
      )}
      {roles.some((r) => activityFinders.includes(r)) && (
        <Card title="项目：按名称或编号（Activities by title or code）">
          <ActivityFinder />
        </Card>
      )}
    </Space>
  );
}
