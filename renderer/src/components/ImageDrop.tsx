import { DeleteOutlined, InboxOutlined, LoadingOutlined } from '@ant-design/icons';
import { App, Button, Space, Upload } from 'antd';
import { useState } from 'react';
import { api } from '../client';
import { errorText } from '../app/useApi';
import { AssetAvatar } from './AssetImage';
import { useT } from '../i18n';
import { fileToBase64 } from '../lib/files';

/** An image (owner photo, logo, brand IP): drop or pick a file; it is stored in the asset store and its id returned. */
export function ImageDrop({ value, name, onChange, testId }: { value?: string; name: string; onChange(id: string | undefined): void; testId?: string }) {
  const t = useT();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const upload = async (file: File) => {
    setBusy(true);
    try {
      const record = await api('assets.upload', { name: file.name, base64: await fileToBase64(file) });
      onChange(record.id);
    } catch (err) {
      message.error(t('image.failed', { msg: errorText(err, t) }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="avatar-drop">
      <AssetAvatar id={value} name={name || '?'} size={88} />
      <div className="avatar-drop-zone">
        <Upload.Dragger
          accept="image/png,image/jpeg,image/webp,image/gif"
          showUploadList={false}
          multiple={false}
          beforeUpload={(file) => {
            void upload(file);
            return false;
          }}
          data-testid={testId}
        >
          <p className="ant-upload-drag-icon">{busy ? <LoadingOutlined /> : <InboxOutlined />}</p>
          <p className="ant-upload-text">{busy ? t('image.uploading') : t('image.drop')}</p>
          <p className="ant-upload-hint">{t('image.hint')}</p>
        </Upload.Dragger>
        {value && (
          <Space className="avatar-remove">
            <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={() => onChange(undefined)}>
              {t('image.remove')}
            </Button>
          </Space>
        )}
      </div>
    </div>
  );
}
