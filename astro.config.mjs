// @ts-check
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';
import mdx from '@astrojs/mdx';

export default defineConfig({
  output: 'server',
  adapter: node({ mode: 'standalone' }),
  integrations: [mdx()],
  server: { port: 4321 },
  i18n: {
    locales: ['th', 'en'],
    defaultLocale: 'th',
    routing: { prefixDefaultLocale: false },
  },
  // The origin check lives in src/middleware.ts (src/lib/auth/origin.ts), so OAI-PMH may be posted to from anywhere.
  security: { checkOrigin: false },
});
