import type { MethodInput } from '@contract';

type PostIn = MethodInput<'posts.save'>['post'];

/** An empty Lexical document: one empty paragraph (what the editor starts from). */
export function emptyDoc(): PostIn['head'] {
  return {
    root: {
      type: 'root',
      version: 1,
      direction: null,
      format: '',
      indent: 0,
      children: [{ type: 'paragraph', version: 1, direction: null, format: '', indent: 0, textFormat: 0, textStyle: '', children: [] }],
    },
  };
}

/** A URL-safe id from a title plus a short random suffix (ids appear in file names and links). */
export function newPostId(): string {
  const d = new Date();
  const stamp = `${d.getFullYear()}${String(d.getMonth() + 1).padStart(2, '0')}${String(d.getDate()).padStart(2, '0')}`;
  return `post-${stamp}-${Math.random().toString(36).slice(2, 7)}`;
}
