import { Role } from '../../model/index.js';
import type { CliCommand } from '../types.js';
import { ACTOR_FLAGS, actorKey, call, parseFlags, printJson, required, UsageError, withWorkspace } from '../util.js';

/** How a new key is shown: once, with what to do with it. */
function showKey(k: { id: string; role: string; key: string }): string {
  return `key of ${k.id} (${k.role}), shown only this once — give it to ${k.id} and keep it like a password:\n${k.key}\n`;
}

export const command: CliCommand = {
  name: 'user',
  summary: 'Add a user with a role (editor, manager, store) and their personal key, issue a new key, or list users.',
  usage: 'shequn user add|key|list -w DIR [--id ID] [--role editor|manager|store] [--name NAME] [--as USER [--key-file FILE]] [--json]',
  async run(argv) {
    const { values, positionals } = parseFlags(argv, {
      workspace: { type: 'string', short: 'w' },
      id: { type: 'string' },
      role: { type: 'string' },
      name: { type: 'string' },
      ...ACTOR_FLAGS,
      json: { type: 'boolean' },
    });
    const act = positionals[0];
    if (act === 'list') {
      return withWorkspace(
        values.workspace,
        async (studio) => {
          const users = await call(studio, 'users.list', {});
          if (values.json) printJson(users);
          else for (const u of users) process.stdout.write(`${u.id}\t${u.role}${u.name ? `\t${u.name}` : ''}\n`);
          return 0;
        },
        { readOnly: true },
      );
    }
    if (act !== 'add' && act !== 'key') throw new UsageError('user what? add, key or list');
    const id = required(values.id, '--id ID');
    const as = values.as !== undefined ? { as: values.as } : {};
    const key = await actorKey(values);
    if (act === 'key') {
      if (values.role !== undefined) throw new UsageError('user key keeps the role: drop --role');
      return withWorkspace(values.workspace, async (studio) => {
        const out = await call(studio, 'users.key', { id, ...as }, key);
        if (values.json) printJson({ id: out.id, role: out.role, key: out.key });
        else process.stdout.write(`the previous key of ${out.id} no longer works; ${showKey(out)}`);
        return 0;
      });
    }
    const role = Role.safeParse(required(values.role, '--role ROLE'));
    if (!role.success) throw new UsageError(`--role must be one of ${Role.options.join(', ')}`);
    return withWorkspace(values.workspace, async (studio) => {
      const user = await call(studio, 'users.add', { user: { id, name: values.name ?? '', role: role.data }, ...as }, key);
      if (values.json) printJson({ id: user.id, role: user.role, key: user.key });
      else process.stdout.write(`added user ${user.id} (${user.role}); ${showKey(user)}`);
      return 0;
    });
  },
};
