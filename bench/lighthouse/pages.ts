// The pages a new visitor meets first, measured by both Lighthouse scripts here.
export const pages = [
  ['home', '/'],
  ['a field', '/fields/electrical-technology'],
  ['library', '/library'],
  ['search ไฟฟ้า', `/search?q=${encodeURIComponent('ไฟฟ้า')}`],
  ['an item', '/library/ebooks/ac-motor-control-and-plc'],
] as const;
