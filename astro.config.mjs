// @ts-check
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';
import mdx from '@astrojs/mdx';
import { cspDirectives } from './src/lib/http/security-headers.ts';

export default defineConfig({
  output: 'server',
  adapter: node({ mode: 'standalone' }),
  integrations: [mdx()],
  server: { port: 4321 },
  // The one stylesheet (about 5 KB compressed) goes inside each page: a separate file blocked the first paint for a
  // round trip on a phone's connection (Lighthouse's render-blocking audit), which costs more than resending it.
  build: { inlineStylesheets: 'always' },
  // drizzle-orm is bundled into the server: loaded from node_modules, Node 24 reads its 179 KB package.json (an
  // `exports` map of every entry point) again for each of the ~130 modules it imports, and the server kept about
  // 150 MB of memory from that alone (docs/decisions/023-drizzle-bundled-into-the-server.md).
  vite: { ssr: { noExternal: ['drizzle-orm'] } },
  i18n: {
    locales: ['th', 'en'],
    defaultLocale: 'th',
    routing: { prefixDefaultLocale: false },
  },
  security: {
    // The origin check lives in src/middleware.ts (src/lib/auth/origin.ts), so OAI-PMH may be posted to from anywhere.
    checkOrigin: false,
    // Astro hashes every script and style it puts in a page into the page's Content-Security-Policy header; no
    // 'unsafe-inline'. Other HTML gets the same directives from the middleware.
    csp: {
      algorithm: 'SHA-256',
      directives: [...cspDirectives],
    },
  },
});
