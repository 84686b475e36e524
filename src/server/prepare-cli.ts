// `npm run prepare:site` (and the start of `npm run dev`): prepare the database, content and search index only.
import { readEnv } from './env.ts';
import { prepareSite } from './prepare.ts';

try {
  await prepareSite(readEnv());
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
