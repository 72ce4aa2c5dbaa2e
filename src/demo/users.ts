import type { User } from '../model/index.js';

/** The demo's people: the content team's editor, the brand manager who approves, and one store owner. */
export const DEMO_USERS: User[] = [
  { id: 'editor', name: '内容部·小林', role: 'editor' },
  { id: 'manager', name: '品牌经理·周经理', role: 'manager' },
  { id: 'lc002', name: '梧桐巷便利店·李姐', role: 'store' },
];
