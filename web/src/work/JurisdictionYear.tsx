import { Button, Form, InputNumber } from 'antd';
import { useState } from 'react';
import { JurisdictionPicker } from '../components/JurisdictionPicker';
import { useWorkT } from './messages';

export { defaultJurisdiction } from '../components/JurisdictionPicker';

/** Jurisdiction and credit year pickers with a search button (national tokens type the code). */
export function JurisdictionYear(props: {
  jurisdiction: string;
  year?: number;
  onChange: (jurisdiction: string, year: number) => void;
  onSearch: () => void;
}) {
  const t = useWorkT();
  const [year, setYear] = useState(props.year ?? 2026);
  return (
    <Form layout="inline" onFinish={props.onSearch}>
      <Form.Item label={t('jurisdiction')} htmlFor="work-jurisdiction">
        <JurisdictionPicker
          id="work-jurisdiction"
          value={props.jurisdiction}
          onChange={(j) => props.onChange(j, year)}
          typed={(text) => text.toUpperCase()}
        />
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
