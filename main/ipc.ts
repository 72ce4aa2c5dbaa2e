import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { contract, methodNames } from '../src/api/contract';
import { dispatch } from '../src/api/dispatcher';
import { toWireError } from '../src/api/errors';
import type { Session } from '../src/api/services';

/** The channel a contract method is invoked on. */
export const channelFor = (method: string): string => `studio:${method}`;

/** True when an IPC call comes from the app's own window and its top frame, loaded from our protocol. */
export function isTrustedSender(event: IpcMainInvokeEvent, ownWindow: () => WebContents | undefined, origin: string): boolean {
  const own = ownWindow();
  if (!own || event.sender !== own) return false;
  const frame = event.senderFrame;
  if (!frame || frame !== own.mainFrame) return false;
  // Exactly our origin: a bare prefix test would also trust look-alikes such as studio://app.evil/.
  return frame.url === origin || frame.url.startsWith(`${origin}/`);
}

/** Registers one ipcMain.handle per contract method, each checking its sender first. */
export function setupIpc(ipcMain: IpcMain, opts: { getSession: () => Session; ownWindow: () => WebContents | undefined; origin: string }): string[] {
  const channels: string[] = [];
  for (const method of methodNames) {
    const channel = channelFor(method);
    ipcMain.handle(channel, async (event, input: unknown, userKey: unknown) => {
      if (!isTrustedSender(event, opts.ownWindow, opts.origin)) {
        return { error: { code: 'forbidden', message: `IPC call ${method} refused: not from the studio window` } };
      }
      try {
        // The key of the user the identity switch acts as (`as`); the core checks it against that user's.
        const key = typeof userKey === 'string' && userKey ? { userKey } : {};
        const result = await dispatch(method, input, { ...opts.getSession(), user: { id: 'desktop', role: 'editor' }, ...key });
        return { result };
      } catch (err) {
        return { error: toWireError(err) };
      }
    });
    channels.push(channel);
  }
  if (channels.length !== Object.keys(contract).length) throw new Error('IPC channels do not match the contract');
  return channels;
}
