import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Breadcrumb, Button, Card, Input, Space, Table, Upload, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ErrorAlert } from '../../../components/error-alert';
import { isApiError } from '../../../lib/api-client';
import { useT } from '../../../lib/i18n';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { CSV_HEADER, toCsvCellError, useImportAccounts, type CsvCellError } from '../api/import-accounts';

const BOM = '\uFEFF';

/** Data rows: non-empty lines, not counting the header. */
function countRows(csv: string): number {
  const lines = csv.split(/\r?\n/).filter((line) => line.trim() !== '');
  return lines[0]?.trim().startsWith('login,') ? lines.length - 1 : lines.length;
}

export function ImportAccountsPage() {
  const t = useT();
  useDocumentTitle(t('import.title'));
  const [csv, setCsv] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const importAccounts = useImportAccounts();
  const rows = countRows(csv);

  const cellErrors: CsvCellError[] =
    isApiError(importAccounts.error) && importAccounts.error.status === 422
      ? importAccounts.error.errors.map((e, i) => toCsvCellError(e.field, e.message, i))
      : [];

  const downloadTemplate = () => {
    // The BOM lets spreadsheet programs open the Chinese names as UTF-8.
    const text = [
      CSV_HEADER,
      `handler01,ChangeMe-2025,${t('import.exampleName1')},1,unit_handler,13800000001`,
      `admin01,ChangeMe-2025,${t('import.exampleName2')},1,unit_handler|unit_admin,`,
    ].join('\r\n');
    const url = URL.createObjectURL(new Blob([BOM + text + '\r\n'], { type: 'text/csv;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'minsheng-accounts-template.csv';
    link.click();
    URL.revokeObjectURL(url);
  };

  const columns: TableColumnsType<CsvCellError> = [
    { title: t('import.col.line'), dataIndex: 'line', width: 80, render: (line: number | null) => line ?? '–' },
    { title: t('import.col.column'), dataIndex: 'column', width: 140, render: (column: string | null) => column ?? '–' },
    { title: t('import.col.message'), dataIndex: 'message' },
  ];

  return (
    <>
      <Breadcrumb
        className="page-breadcrumb"
        items={[
          { key: 'accounts', title: <Link to="/console/accounts">{t('accounts.title')}</Link> },
          { key: 'import', title: <span aria-current="page">{t('import.title')}</span> },
        ]}
      />
      <h1 className="page-title">{t('import.title')}</h1>
      <Card className="console-form-card">
        <p>{t('import.intro', { header: CSV_HEADER })}</p>
        <Space wrap className="import-actions">
          <Button icon={<DownloadOutlined aria-hidden />} onClick={downloadTemplate}>
            {t('import.template')}
          </Button>
          <Upload
            accept=".csv,text/csv"
            showUploadList={false}
            beforeUpload={async (file) => {
              const text = await file.text();
              setCsv(text.startsWith(BOM) ? text.slice(1) : text);
              setFileName(file.name);
              importAccounts.reset();
              return false;
            }}
          >
            <Button icon={<UploadOutlined aria-hidden />}>{t('import.upload')}</Button>
          </Upload>
          {fileName && <span>{t('import.fileRead', { name: fileName })}</span>}
        </Space>
        <label htmlFor="import-csv" className="field-label">
          {t('import.paste')}
        </label>
        <Input.TextArea
          id="import-csv"
          value={csv}
          onChange={(event) => {
            setCsv(event.target.value);
            importAccounts.reset();
          }}
          autoSize={{ minRows: 6, maxRows: 16 }}
          spellCheck={false}
          className="csv-input"
          placeholder={CSV_HEADER}
        />
        <p className="import-count" aria-live="polite">
          {t('import.rows', { count: rows })}
        </p>
        <Button
          type="primary"
          disabled={rows === 0}
          loading={importAccounts.isPending}
          onClick={() => importAccounts.mutate(csv)}
        >
          {t('import.submit')}
        </Button>
      </Card>

      <div aria-live="polite" className="import-result">
        {importAccounts.isSuccess && (
          <Alert type="success" showIcon title={t('import.success', { count: importAccounts.data.created })} />
        )}
        {cellErrors.length > 0 && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Alert type="error" showIcon title={t('import.failed')} />
            <Table<CsvCellError> rowKey="key" size="small" columns={columns} dataSource={cellErrors} pagination={false} />
          </Space>
        )}
        {importAccounts.isError && cellErrors.length === 0 && <ErrorAlert error={importAccounts.error} />}
      </div>
    </>
  );
}
