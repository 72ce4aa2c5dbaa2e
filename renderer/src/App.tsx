import { useEffect, useState } from 'react';
import { api } from './client';

type Lists = { posts: { id: string; title: string }[]; stores: { id: string; storeName: string; ownerName: string }[] };

/** Placeholder studio page: lists the workspace's posts and stores through the contract. */
export function App() {
  const [lists, setLists] = useState<Lists | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    Promise.all([api('posts.list', {}), api('stores.list', {})])
      .then(([posts, stores]) => setLists({ posts, stores }))
      .catch((e: Error) => setError(e.message));
  }, []);
  if (error) return <main><h1>社群内容工作室</h1><p role="alert">{error}</p></main>;
  if (!lists) return <main><h1>社群内容工作室</h1><p>加载中…</p></main>;
  return (
    <main>
      <h1>社群内容工作室</h1>
      <h2>内容 Posts</h2>
      <ul>{lists.posts.map((p) => <li key={p.id}>{p.title}</li>)}</ul>
      <h2>门店 IP Stores</h2>
      <ul>{lists.stores.map((s) => <li key={s.id}>{s.storeName} · {s.ownerName}</li>)}</ul>
    </main>
  );
}
