/**
 * The layering rule of the core, written once (docs/architecture.md explains it). Floors run
 * bottom to top; a room may import only rooms on lower floors — never a room above it, never a
 * room beside it on its own floor — and no import may close a cycle. `npm run check:layers`
 * prints the violations; test/architecture/layers.test.ts fails on any.
 */
const FLOORS = [
  ['model'],
  ['workspace'],
  ['storage'],
  ['compose'],
  ['render'],
  ['video'],
  ['review', 'demo', 'bundle'],
  ['pack'],
  ['portal'],
  ['jobs'],
  ['api'],
  ['setup'],
  ['server'],
  ['cli'],
];

const roomPath = (room) => `^src/${room}/`;
const upward = [];
FLOORS.forEach((floor, i) => {
  for (const room of floor) {
    const notBelow = FLOORS.slice(i).flat().filter((r) => r !== room);
    if (!notBelow.length) continue;
    upward.push({
      name: `up-from-${room}`,
      comment: `src/${room}/ may import only rooms below it (${FLOORS.slice(0, i).flat().join(', ') || 'none'})`,
      severity: 'error',
      from: { path: roomPath(room) },
      to: { path: `^src/(${notBelow.join('|')})/` },
    });
  }
});

module.exports = {
  forbidden: [
    ...upward,
    {
      name: 'no-cycles',
      comment: 'no import may close a cycle',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-no-shells',
      comment: 'the core (src/) never imports electron or React, nor the shells main/ and renderer/',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(main|renderer)/|node_modules/(electron|react|react-dom|antd|@lexical/react)/' },
    },
    {
      name: 'renderer-through-contract',
      comment: 'the renderer reaches the core only through the contract (@contract, @contract/vocabulary) and the small shared package of pure helpers (@shared)',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '^src/', pathNot: '^src/(api/contract|api/vocabulary|model/shared)\\.ts$' },
    },
    {
      name: 'main-is-a-shell',
      comment: 'main/ is a thin shell: it reaches the core through the api, the server and setup, never a stage directly',
      severity: 'error',
      from: { path: '^main/' },
      to: { path: '^src/', pathNot: '^src/(api|server|setup|workspace|model)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    includeOnly: '^(src|main|renderer/src)/',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.node.json' },
    moduleSystems: ['es6', 'cjs'],
  },
};
