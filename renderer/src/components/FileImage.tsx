import { Image, Skeleton } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../client';

/** An image the studio rendered into the workspace (renders/, packs/), shown with antd's zoomable Image. */
export function FileImage({ path, width, alt, previewWidth = 2400 }: { path: string; width?: number; alt: string; previewWidth?: number }) {
  const [src, setSrc] = useState<{ thumb: string; full?: string }>();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    setSrc(undefined);
    setFailed(false);
    api('files.image', { path, ...(width ? { width } : {}) })
      .then((img) => live && setSrc({ thumb: `data:${img.mime};base64,${img.base64}` }))
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, [path, width]);
  const loadFull = () => {
    if (src?.full) return;
    api('files.image', { path, width: previewWidth })
      .then((img) => setSrc((s) => (s ? { ...s, full: `data:${img.mime};base64,${img.base64}` } : s)))
      .catch(() => undefined);
  };
  if (failed) return null;
  if (!src) return <Skeleton.Node active className="file-image-loading" style={{ width: '100%', maxWidth: width ?? 320, height: 200 }} />;
  return <Image src={src.thumb} alt={alt} data-testid="file-image" preview={{ src: src.full ?? src.thumb, onOpenChange: (open) => open && loadFull() }} />;
}
