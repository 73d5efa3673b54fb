import { getSocket } from '$lib/state/socket';

/**
 * Calls `refresh` (debounced) whenever any testimony in the queue changes, and after a
 * reconnect; returns the cleanup. Dashboards stay live without polling.
 */
export function onQueueChange(refresh: () => void, delayMs = 400): () => void {
  const socket = getSocket();
  let timer: ReturnType<typeof setTimeout> | null = null;
  const soon = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(refresh, delayMs);
  };
  const subscribe = () => socket.emit('queue.subscribe', {}, () => {});
  const onConnect = () => {
    subscribe();
    soon();
  };
  socket.on('queue.changed', soon);
  socket.on('connect', onConnect);
  if (socket.connected) subscribe();
  return () => {
    if (timer) clearTimeout(timer);
    socket.off('queue.changed', soon);
    socket.off('connect', onConnect);
  };
}
