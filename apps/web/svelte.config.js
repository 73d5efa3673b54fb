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
      // Pure modules of @desk/redaction only (the package root's detector loads data with
      // node:fs). The occurrences matcher already comes from the package export
      // '@desk/redaction/occurrences'; these should follow.
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
