// How many random inputs each property test sends per form or endpoint. `npm test` sends 250 each, to stay within
// the suite's time budget on a 2-core machine; `FUZZ_RUNS=1000 npx vitest run --config tests/vitest.config.ts
// tests/integration/form-fuzz.test.ts tests/integration/json-fuzz.test.ts` is the full run the issue asks for
// (about 6 minutes on this machine).
const asked = Number(process.env.FUZZ_RUNS ?? '250');
if (!Number.isInteger(asked) || asked < 1) throw new Error(`FUZZ_RUNS must be a positive whole number, got ${process.env.FUZZ_RUNS}`);

export const fuzzRuns = asked;
