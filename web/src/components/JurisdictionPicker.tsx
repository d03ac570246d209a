import { Input, Select } from 'antd';
import { loadSession } from '../session';

/** The jurisdiction a screen opens on: the token's first (a national token starts on Zhejiang). */
export function defaultJurisdiction(): string {
  const first = loadSession()?.jurisdictions[0] ?? 'CN-ZJ';
  return first === 'CN' ? 'CN-ZJ' : first;
}

/**
 * The jurisdiction a screen works on: a choice among the token's jurisdictions, or — for a
 * national token (`CN`), which may look at any — a code typed in. `typed` shapes what is typed
 * (trimmed, upper-cased) before it reaches `onChange`.
 */
export function JurisdictionPicker(props: {
  id: string;
  value: string;
  onChange: (jurisdiction: string) => void;
  typed?: (text: string) => string;
}) {
  const jurisdictions = loadSession()?.jurisdictions ?? [];
  return jurisdictions.includes('CN') ? (
    <Input
      id={props.id}
      value={props.value}
      onChange={(e) => props.onChange(props.typed ? props.typed(e.target.value) : e.target.value)}
      style={{ width: 100 }}
    />
  ) : (
    <Select
      id={props.id}
      value={props.value}
      onChange={props.onChange}
      options={jurisdictions.map((j) => ({ value: j, label: j }))}
      style={{ width: 110 }}
    />
  );
}
