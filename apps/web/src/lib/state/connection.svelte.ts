/** Live connection state, shown in the shell so nobody edits believing they are online when they are not. */
class Connection {
  status = $state<'idle' | 'connecting' | 'online' | 'offline'>('idle');
  /** Commands sent but not yet acknowledged by the server. */
  pending = $state(0);
  lastError = $state<string | null>(null);
}

export const connection = new Connection();
