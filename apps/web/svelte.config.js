import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  compilerOptions: {
    // Runes everywhere: one reactivity model across the app keeps state modules predictable.
    runes: true,
  },
  kit: {
    adapter: adapter({ out: 'build' }),
    alias: {
      // The pure matcher only. The package root also exports the detector, whose data loader
      // uses node:fs at import time and breaks the browser bundle. Switch to a package subpath
      // export (e.g. '@desk/redaction/occurrences') once @desk/redaction provides one.
      '$redaction/occurrences': '../../packages/redaction/src/occurrences.ts',
      // The risk model: pure, reads category/subtype/state only (docs/RISK.md).
      '$redaction/risk': '../../packages/redaction/src/risk.ts',
      '$redaction/generalisation': '../../packages/redaction/src/generalisation.ts',
    },
    csp: {
      // Nonces for the SSR'd shell, hashes if anything is ever prerendered.
      mode: 'auto',
      directives: {
        'default-src': ['self'],
        'script-src': ['self'],
        'style-src': ['self', 'unsafe-inline'],
        'img-src': ['self', 'data:'],
        // CSP Level 3: 'self' also matches ws:/wss: to this host, so the socket needs no
        // scheme wildcard (which allowed websockets to any host).
        'connect-src': ['self'],
        'object-src': ['none'],
        'frame-ancestors': ['none'],
        'base-uri': ['self'],
        'form-action': ['self'],
      },
    },
  },
};

export default config;
