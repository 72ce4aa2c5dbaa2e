import { Role } from '../../model/index.js';
import type { CliCommand } from '../types.js';
import { call, parseFlags, printJson, required, UsageError, withWorkspace } from '../util.js';

export const command: CliCommand = {
  name: 'user',
  summary: 'Add a user with a role (editor, manager, store) to the workspace, or list users.',
  usage: 'shequn user add|list -w DIR [--id ID --role editor|manager|store] [--name NAME] [--as USER] [--json]',
  async run(argv) {
    const { values, positionals } = parseFlags(argv, {
      workspace: { type: 'string', short: 'w' },
      id: { type: 'string' },
      role: { type: 'string' },
      name: { type: 'string' },
      as: { type: 'string' },
      json: { type: 'boolean' },
    });
    const act = positionals[0];
    if (act === 'list') {
      return withWorkspace(
        values.workspace,
        async (studio) => {
        const { ws } = studio;
          const users = await call(studio, 'users.list', {});
          if (values.json) printJson(users);
          else for (const u of users) process.stdout.write(`${u.id}\t${u.role}${u.name ? `\t${u.name}` : ''}\n`);
          return 0;
        },
        { readOnly: true },
      );
    }
    if (act !== 'add') throw new UsageError('user what? add or list');
    const id = required(values.id, '--id ID');
    const role = Role.safeParse(required(values.role, '--role ROLE'));
    if (!role.success) throw new UsageError(`--role must be one of ${Role.options.join(', ')}`);
    return withWorkspace(values.workspace, async (studio) => {
        const { ws } = studio;
      const user = await call(studio, 'users.add', { user: { id, name: values.name ?? '', role: role.data }, ...(values.as !== undefined ? { as: values.as } : {}) });
      if (values.json) printJson(user);
      else process.stdout.write(`added user ${user.id} (${user.role})\n`);
      return 0;
    });
  },
};
