import type { CliCommand } from '../types.js';
import { command as bundle } from './bundle.js';
import { command as init } from './init.js';
import { command as list } from './list.js';
import { command as serve } from './serve.js';
import { command as portal } from './portal.js';
import { command as review } from './review.js';
import { command as template } from './template.js';
import { command as post } from './post.js';
import { command as user } from './user.js';
import { command as importCmd } from './import.js';
import { command as exportCmd } from './export.js';
import { command as compose } from './compose.js';
import { command as check } from './check.js';

/** Every `shequn` command, in the order `--help` lists them. Add one line per command. */
export const commands: CliCommand[] = [
  init,
  list,
  bundle,
  serve,
  portal,
  review,
  template,
  post,
  user,
  importCmd,
  exportCmd,
  compose,
  check,
];
