import { Avatar, Skeleton } from 'antd';
import { useEffect, useState, type CSSProperties } from 'react';
import { api } from '../client';

const cache = new Map<string, Promise<string>>();

/** A data: URL for an asset, scaled to `width`; cached for the session (assets are content-addressed). */
export function assetUrl(id: string, width?: number): Promise<string> {
  const key = `${id}@${width ?? 0}`;
  let hit = cache.get(key);
  if (!hit) {
    hit = api('assets.read', { id, ...(width ? { width } : {}) }).then((img) => `data:${img.mime};base64,${img.base64}`);
    hit.catch(() => cache.delete(key));
    cache.set(key, hit);
  }
  return hit;
}

/** Loads `assetUrl(id, width)`; undefined while loading or when missing. */
export function useAssetUrl(id: string | undefined, width?: number): string | undefined {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    let live = true;
    setUrl(undefined);
    if (id) assetUrl(id, width).then((u) => live && setUrl(u), () => undefined);
    return () => {
      live = false;
    };
  }, [id, width]);
  return url;
}

/** An image from the workspace asset store. */
export function AssetImage({ id, width, alt, className, style }: { id?: string; width: number; alt: string; className?: string; style?: CSSProperties }) {
  const url = useAssetUrl(id, width * 2);
  if (!id) return null;
  if (!url) return <Skeleton.Image active style={{ width, height: width, ...style }} />;
  return <img src={url} alt={alt} className={className} style={{ width, ...style }} />;
}

/** A person's avatar from the asset store, or their first character when there is none. */
export function AssetAvatar({ id, name, size = 40, shape = 'square' }: { id?: string; name: string; size?: number; shape?: 'circle' | 'square' }) {
  const url = useAssetUrl(id, size * 2);
  return (
    <Avatar size={size} shape={shape} src={url} alt={name} className="asset-avatar">
      {name.slice(0, 1)}
    </Avatar>
  );
}
