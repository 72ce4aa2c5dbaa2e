import { resolve } from 'node:path';

/**
 * How the UI reaches the core: the contract (types, and the word lists the UI shows) and the small
 * shared package of pure helpers, nothing else (the layering check refuses other imports). The same
 * names are in tsconfig.web.json's `paths`.
 */
export function rendererAliases(root: string): Record<string, string> {
  return {
    '@contract/vocabulary': resolve(root, 'src/api/vocabulary.ts'),
    '@contract': resolve(root, 'src/api/contract.ts'),
    '@shared': resolve(root, 'src/model/shared.ts'),
  };
}
