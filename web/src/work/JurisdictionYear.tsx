import { Button, Form, Input, InputNumber, Select } from 'antd';
import { useState } from 'react';
import { loadSession } from '../session';
import { useWorkT } from './messages';

/** The jurisdiction the screen opens on: the token's first (a national token starts on Zhejiang). */
export function defaultJurisdiction(): string {
  const first = loadSession()?.jurisdictions[0] ?? 'CN-ZJ';
  return first === 'CN' ? 'CN-ZJ' : first;
}

/** Jurisdiction and credit year pickers with a search button (national tokens type the code). */
export function JurisdictionYear(props: {
  jurisdiction: string;
  year?: number;
  onChange: (jurisdiction: string, year: number) => void;
  onSearch: () => void;
}) {
  const t = useWorkT();
  const jurisdictions = loadSession()?.jurisdictions ?? [];
  const [year, setYear] = useState(props.year ?? 2026);
  return (
    <Form layout="inline" onFinish={props.onSearch}>
      <Form.Item label={t('jurisdiction')} htmlFor="work-jurisdiction">
        {jurisdictions.includes('CN') ? (
          <Input
            id="work-jurisdiction"
            value={props.jurisdiction}
            onChange={(e) => props.onChange(e.target.value.toUpperCase(), year)}
            style={{ width: 100 }}
          />
        ) : (
          <Select
            id="work-jurisdiction"
            value={props.jurisdiction}
            onChange={(j: string) => props.onChange(j, year)}
            options={jurisdictions.map((j) => ({ value: j, label: j }))}
            style={{ width: 110 }}
          />
        )}
      </Form.Item>
      {props.year !== undefined && (
        <Form.Item label={t('year')} htmlFor="work-year">
          <InputNumber
            id="work-year"
            value={year}
            min={2000}
            max={2100}
            onChange={(v) => {
              setYear(v ?? 2026);
              props.onChange(props.jurisdiction, v ?? 2026);
            }}
          />
        </Form.Item>
      )}
      <Button type="primary" htmlType="submit">
        {t('load')}
      </Button>
    </Form>
  );
}
