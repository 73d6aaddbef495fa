/**
 * The temporary files and folders this process has open, told to whoever must remove them after
 * an abrupt stop: the command line's main thread (src/launch/supervisor.ts) listens on this
 * channel, which reaches it from every worker thread, nested ones included. A path is announced
 * before it is created, so no file exists that the listener has not heard of.
 */
import { BroadcastChannel } from 'node:worker_threads';

export const TEMPORARIES_CHANNEL = 'mlgif:temporaries';

export interface TemporaryNotice {
  path: string;
  /** true: about to be created; false: renamed into place or removed. */
  open: boolean;
  folder: boolean;
}

let channel: BroadcastChannel | undefined;

export function announceTemporary(notice: TemporaryNotice): void {
  if (!channel) {
    channel = new BroadcastChannel(TEMPORARIES_CHANNEL);
    // Posting alone must never keep a process alive.
    channel.unref();
  }
  channel.postMessage(notice);
}
