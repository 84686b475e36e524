// The load benchmark's mix of requests (run.ts drives it under load, cpu.ts times each kind alone).
import { loadCourse } from './setup.ts';

export type Kind = 'home' | 'field' | 'search' | 'suggest' | 'item' | 'lesson' | 'progress' | 'download';
export interface MixEntry {
  kind: Kind;
  path: string;
  signedIn?: boolean;
}

/** One cycle of the mix each connection repeats: pages weighted by how often people ask for them. */
export function mix(downloadPath: string, lessons: string[]): MixEntry[] {
  const fields = ['electrical-technology', 'hotel-management', 'mechatronics-and-robotics', 'logistics-and-supply-chain-management', 'automotive-service-technology', 'renewable-energy-technology'];
  const queries = ['ไฟฟ้า', 'เครื่องยนต์ดีเซล', 'PLC', 'โรงแรม', 'ระบบควบคุม', 'โลจิสติกส์', 'solar'];
  const q = (s: string) => encodeURIComponent(s);
  return [
    { kind: 'home', path: '/' },
    { kind: 'field', path: `/fields/${fields[0]}` },
    { kind: 'search', path: `/search?q=${q(queries[0]!)}` },
    { kind: 'lesson', path: `/learn/${loadCourse}/${lessons[0]}`, signedIn: true },
    { kind: 'progress', path: '/api/learn/progress', signedIn: true },
    { kind: 'field', path: `/fields/${fields[1]}` },
    { kind: 'suggest', path: `/api/suggest?q=${q('ไฟ')}` },
    { kind: 'item', path: '/library/ebooks/ac-motor-control-and-plc' },
    { kind: 'search', path: `/search?q=${q(queries[1]!)}&level=hvc` },
    { kind: 'download', path: downloadPath },
    { kind: 'home', path: '/en/' },
    { kind: 'field', path: `/fields/${fields[2]}?page=2` },
    { kind: 'lesson', path: `/learn/${loadCourse}/${lessons[1]}`, signedIn: true },
    { kind: 'progress', path: '/api/learn/progress', signedIn: true },
    { kind: 'search', path: `/search?q=${q(queries[2]!)}` },
    { kind: 'field', path: `/library?field=${fields[3]}` },
    { kind: 'search', path: `/en/search?q=${q(queries[6]!)}` },
    { kind: 'item', path: '/library?type=research&sort=downloads' },
    { kind: 'progress', path: '/api/learn/progress', signedIn: true },
    { kind: 'search', path: `/search?q=${q(queries[3]!)}&type=ebooks` },
  ];
}

/** The demo e-book's download address, as its page links it (the file name carries a version). */
export async function downloadPathOf(url: string): Promise<string> {
  const itemPage = await (await fetch(`${url}/library/ebooks/ac-motor-control-and-plc`)).text();
  const path = /href="(\/download\/ebooks\/ac-motor-control-and-plc\/[^"]+)"/.exec(itemPage)?.[1];
  if (!path) throw new Error('no download link on the item page');
  return path;
}

/** A progress post's body: a new report id each time, so every post is a real write. */
export function progressReport(runId: number, lesson: string, position: number): string {
  return JSON.stringify({ id: crypto.randomUUID(), runId, lesson, position, completed: position > 0.95 });
}
