import { PictureOutlined } from '@ant-design/icons';
import { App } from 'antd';
import { useRef, useState, type DragEvent, type ReactNode } from 'react';
import { api } from '../client';
import { errorText } from '../app/useApi';
import { useT } from '../i18n';
import { fileToBase64 } from '../lib/files';
import '../tools.css';

/** An image slot a dropped picture can fill (the post's product image, …). */
export interface ImageSlot {
  key: string;
  label: string;
  onImage(assetId: string): void;
}

const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');

/**
 * Drag and drop of images onto slots: while a file is dragged over `children`, the slots show as
 * drop targets over them; a picture dropped on one is stored (assets.upload, checked like any upload)
 * and its id handed to the slot. Dropped elsewhere, nothing happens (the browser does not open it).
 */
export function SlotDrop({ slots, children, className }: { slots: ImageSlot[]; children: ReactNode; className?: string }) {
  const t = useT();
  const { message } = App.useApp();
  const [dragging, setDragging] = useState(false);
  const [over, setOver] = useState<string>();
  const [busy, setBusy] = useState<string>();
  const depth = useRef(0);
  const reset = () => {
    depth.current = 0;
    setDragging(false);
    setOver(undefined);
  };
  const drop = async (slot: ImageSlot, e: DragEvent) => {
    e.preventDefault();
    e.stopPropagation();
    reset();
    const file = Array.from(e.dataTransfer.files).find((f) => f.type.startsWith('image/')) ?? e.dataTransfer.files[0];
    if (!file) return;
    setBusy(slot.key);
    try {
      const record = await api('assets.upload', { name: file.name, base64: await fileToBase64(file) });
      slot.onImage(record.id);
      message.success(t('slotDrop.done', { slot: slot.label }));
    } catch (err) {
      message.error(t('image.failed', { msg: errorText(err, t) }));
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <div
      className={`slot-drop ${className ?? ''}`}
      onDragEnter={(e) => {
        if (!hasFiles(e)) return;
        depth.current++;
        setDragging(true);
      }}
      onDragLeave={(e) => {
        if (!hasFiles(e)) return;
        if (--depth.current <= 0) reset();
      }}
      onDragOver={(e) => {
        if (hasFiles(e)) e.preventDefault();
      }}
      onDrop={(e) => {
        // Dropped beside the targets: swallowed, so the browser does not navigate to the file.
        if (hasFiles(e)) e.preventDefault();
        reset();
      }}
    >
      {children}
      {(dragging || busy) && (
        <div className="slot-drop-overlay" data-testid="slot-drop-overlay">
          <p className="slot-drop-title">{t('slotDrop.title')}</p>
          <div className="slot-drop-targets">
            {slots.map((s) => (
              <div
                key={s.key}
                className={`slot-drop-target${over === s.key ? ' over' : ''}`}
                data-testid={`slot-drop-${s.key}`}
                onDragEnter={() => setOver(s.key)}
                onDragOver={(e) => {
                  e.preventDefault();
                  e.dataTransfer.dropEffect = 'copy';
                }}
                onDrop={(e) => void drop(s, e)}
              >
                <PictureOutlined aria-hidden />
                <span>{busy === s.key ? t('image.uploading') : s.label}</span>
              </div>
            ))}
          </div>
        </div>
      )}
    </div>
  );
}
