// What the search benchmarks share: a report printed as it is made and written whole at the end, and the median
// they give their figures as (the mean of the middle two for an even count).

/** Lines said to the console and kept for the report file. */
export function reportLines(): { say: (line?: string) => void; lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    say(line = '') {
      lines.push(line);
      console.log(line);
    },
  };
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
