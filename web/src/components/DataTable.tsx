import { Button, Space, Table, type TableColumnsType } from 'antd';
import { downloadCsv, downloadXlsx, type ExportColumn } from '../export';
import { useT } from '../i18n';

/** A table that exports what it shows to CSV and XLSX. */
export function DataTable<T extends object>(props: {
  rows: T[];
  columns: TableColumnsType<T>;
  exportColumns: ExportColumn<T>[];
  exportName: string;
  rowKey: keyof T & string;
  caption: string;
  loading?: boolean;
  pageSize?: number;
}) {
  const t = useT();
  return (
    <div>
      <Space style={{ marginBottom: 8 }}>
        <Button
          size="small"
          onClick={() => downloadCsv(props.rows, props.exportColumns, props.exportName)}
        >
          {t('exportCsv')}
        </Button>
        <Button
          size="small"
          onClick={() => void downloadXlsx(props.rows, props.exportColumns, props.exportName)}
        >
          {t('exportXlsx')}
        </Button>
      </Space>
      <Table<T>
        size="small"
        rowKey={props.rowKey}
        dataSource={props.rows}
        columns={props.columns}
        loading={props.loading}
        pagination={{ pageSize: props.pageSize ?? 20, hideOnSinglePage: true }}
        title={() => <strong>{props.caption}</strong>}
        scroll={{ x: true }}
      />
    </div>
  );
}
