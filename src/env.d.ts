/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** The signed-in user, or null; filled by src/middleware.ts on every request. */
    user: import('./server/auth/sessions.ts').SessionUser | null;
    session: import('./server/auth/sessions.ts').SessionInfo | null;
  }
}
