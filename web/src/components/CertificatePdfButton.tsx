import { Button, message } from 'antd';
import { useState } from 'react';
import { apiBlob, ApiError } from '../api';
import { download } from '../export';

/** 下载 PDF: the year's certificate as a PDF made by the server (Chinese, with its QR code). */
export function CertificatePdfButton({ personId, year }: { personId: string; year: number }) {
  const [busy, setBusy] = useState(false);
  const [messages, holder] = message.useMessage();
  const fetchPdf = async () => {
    setBusy(true);
    try {
      const pdf = await apiBlob(`/persons/${personId}/years/${year}/certificate?format=pdf`);
      download(pdf, `学分证书-${year}.pdf`);
    } catch (error) {
      void messages.error(error instanceof ApiError ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      {holder}
      <Button size="small" loading={busy} onClick={() => void fetchPdf()}>
        下载 PDF（Download PDF）
      </Button>
    </>
  );
}
