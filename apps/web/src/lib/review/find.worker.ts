/// <reference lib="webworker" />
import { findOccurrences } from '@desk/redaction/occurrences';

/*
 * Variant search off the main thread: tokenising a 20,000-word testimony and matching every
 * spelling takes tens of milliseconds, too long to run on each keystroke in the page.
 */
type In = { type: 'body'; body: string } | { type: 'find'; id: number; needle: string };

let body = '';

self.onmessage = (e: MessageEvent<In>) => {
  const m = e.data;
  if (m.type === 'body') body = m.body;
  else self.postMessage({ id: m.id, hits: m.needle.trim() ? findOccurrences(body, m.needle) : [] });
};
