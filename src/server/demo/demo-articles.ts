// Demo articles for a new database (outside production): published Thai articles by the three demo experts with
// pictures, tables, a YouTube video and an H5P activity, one draft, one returned for changes, readers' questions
// with answers, and one article published twice so its history has two versions.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/connection.ts';
import { articleQuestions, articles, uploadedFiles, users } from '../../../db/schema/index.ts';
import { mediaPrefix, type RichTextDocument, type RichTextNode } from '../../lib/rich-text/schema.ts';
import { createArticle, saveArticle, type ArticleContent } from '../articles/articles.ts';
import { changeArticleState } from '../articles/publishing.ts';
import { uploadsRoot } from '../catalog/file-store.ts';
import { drawPng } from './png.ts';

const text = (value: string, marks?: string[]): RichTextNode => ({ type: 'text', text: value, ...(marks ? { marks: marks.map((type) => ({ type })) } : {}) });
const p = (...parts: (string | RichTextNode)[]): RichTextNode => ({ type: 'paragraph', content: parts.map((part) => (typeof part === 'string' ? text(part) : part)) });
const h = (level: 2 | 3, value: string): RichTextNode => ({ type: 'heading', attrs: { level }, content: [text(value)] });
const list = (...items: string[]): RichTextNode => ({ type: 'bulletList', content: items.map((item) => ({ type: 'listItem', content: [p(item)] })) });
const steps = (...items: string[]): RichTextNode => ({ type: 'orderedList', attrs: { start: 1 }, content: items.map((item) => ({ type: 'listItem', content: [p(item)] })) });
const table = (head: string[], ...rows: string[][]): RichTextNode => ({
  type: 'table',
  content: [
    { type: 'tableRow', content: head.map((cell) => ({ type: 'tableHeader', content: [p(cell)] })) },
    ...rows.map((row) => ({ type: 'tableRow', content: row.map((cell) => ({ type: 'tableCell', content: [p(cell)] })) })),
  ],
});
const image = (src: string, alt: string): RichTextNode => ({ type: 'image', attrs: { src, alt } });
const doc = (...content: RichTextNode[]): RichTextDocument => ({ type: 'doc', content });

/** Write a drawn picture into the uploads folder and record it, as an upload from the editor would be. */
async function demoPicture(db: Db, name: string, hue: [number, number, number]): Promise<string> {
  const png = drawPng(480, 270, (x, y) => {
    const stripe = Math.floor((x + y) / 30) % 2 === 0 ? 1 : 0.85;
    const shade = 0.6 + (0.4 * y) / 270;
    return [Math.round(hue[0] * shade * stripe), Math.round(hue[1] * shade * stripe), Math.round(hue[2] * shade * stripe)];
  });
  const sha256 = createHash('sha256').update(png).digest('hex');
  const storedName = `${sha256.slice(0, 16)}-${randomBytes(4).toString('hex')}.png`;
  await mkdir(uploadsRoot(), { recursive: true });
  await writeFile(join(uploadsRoot(), storedName), png);
  db.insert(uploadedFiles).values({ storedName, originalName: `${name}.png`, contentType: 'image/png', size: png.length, sha256 }).run();
  return mediaPrefix + storedName;
}

const userId = (db: Db, email: string) => db.select({ id: users.id }).from(users).where(eq(users.email, email)).get()?.id;

/** Seed the demo articles when the demo experts exist and no article does; returns how many were created. */
export async function seedDemoArticles(db: Db): Promise<number> {
  const expert = userId(db, 'expert@demo.example');
  const hotel = userId(db, 'expert.hotel@demo.example');
  const farm = userId(db, 'expert.farm@demo.example');
  const admin = userId(db, 'admin@demo.example');
  const teacher = userId(db, 'teacher@demo.example');
  if (!expert || !hotel || !farm || !admin || !teacher || db.select({ id: articles.id }).from(articles).limit(1).get()) return 0;

  const robot = await demoPicture(db, 'แขนกลอุตสาหกรรม', [40, 90, 170]);
  const plc = await demoPicture(db, 'ตู้ควบคุม-PLC', [30, 140, 90]);
  const room = await demoPicture(db, 'ห้องพักโรงแรม', [190, 120, 60]);
  const field = await demoPicture(db, 'แปลงผัก', [60, 150, 50]);

  const adminActor = { id: admin, role: 'admin' as const };
  const publish = (authorId: number, content: ArticleContent, finalState: 'published' | 'draft' | 'returned' = 'published') => {
    const created = createArticle(db, authorId, content);
    if (finalState === 'draft') return created;
    const submitted = changeArticleState(db, created, { id: authorId, role: 'expert' }, 'submit', null, { reindex: false });
    if ('refused' in submitted) throw new Error(`demo article: ${submitted.refused}`);
    const action = finalState === 'returned' ? 'return' : 'publish';
    const comment = finalState === 'returned' ? 'ขอให้เพิ่มตัวอย่างการต่อวงจรจริง และตรวจสอบชื่อรุ่นอุปกรณ์ในตารางอีกครั้ง' : null;
    const done = changeArticleState(db, submitted.article, adminActor, action, comment, { reindex: false });
    if ('refused' in done) throw new Error(`demo article: ${done.refused}`);
    return done.article;
  };

  const maintenance = publish(expert, {
    title: 'การบำรุงรักษาเชิงป้องกันสำหรับแขนกลอุตสาหกรรม',
    summary: 'รอบการตรวจ จุดที่ต้องดูแล และวิธีจดบันทึก เพื่อให้แขนกลในสถานศึกษาและโรงงานใช้งานได้ยาวนาน',
    fields: ['mechatronics-and-robotics'],
    tags: ['หุ่นยนต์', 'ซ่อมบำรุง', 'ความปลอดภัย'],
    coverImage: robot,
    document: doc(
      p('แขนกลอุตสาหกรรมเป็นอุปกรณ์ราคาสูง การหยุดทำงานโดยไม่คาดคิดเพียงหนึ่งวันอาจทำให้สายการผลิตเสียหายมาก ', text('การบำรุงรักษาเชิงป้องกัน', ['bold']), ' จึงคุ้มค่ากว่าการรอซ่อมเมื่อเสีย'),
      image(robot, 'แขนกลหกแกนในห้องปฏิบัติการ'),
      h(2, 'รอบการตรวจที่แนะนำ'),
      table(['รายการ', 'รอบการตรวจ', 'ผู้รับผิดชอบ'], ['ตรวจสายเคเบิลและขั้วต่อ', 'ทุกสัปดาห์', 'ผู้เรียนเวร'], ['เปลี่ยนจาระบีข้อต่อ', 'ทุก 6 เดือน', 'ครูผู้ควบคุม'], ['สำรองโปรแกรมและค่าพารามิเตอร์', 'ทุกเดือน', 'ครูผู้ควบคุม']),
      h(2, 'จุดที่ต้องดูแลเป็นพิเศษ'),
      list('แบตเตอรี่สำรองของตัวเข้ารหัสตำแหน่ง (encoder)', 'ซีลกันฝุ่นที่ข้อต่อแกนที่ 4 ถึง 6', 'พัดลมระบายความร้อนในตู้ควบคุม'),
      h(3, 'การจดบันทึก'),
      p('ให้ผู้เรียนบันทึกค่ากระแสมอเตอร์แต่ละแกนทุกครั้งที่ตรวจ เมื่อค่าเพิ่มขึ้นผิดปกติจะรู้ล่วงหน้าว่าชิ้นส่วนเริ่มสึก'),
    ),
  });
  // A second published version, so the history shows who changed what.
  const revised = saveArticle(db, maintenance, { id: expert, role: 'expert' }, {
    title: maintenance.title,
    summary: maintenance.summary,
    fields: maintenance.fields,
    tags: maintenance.tags,
    coverImage: maintenance.coverImage,
    document: doc(...maintenance.document.content!, h(3, 'ข้อควรระวัง'), p('ตัดพลังงานและล็อกเอาต์ทุกครั้งก่อนเข้าไปในพื้นที่ทำงานของแขนกล')),
  }, maintenance.version);
  if ('saved' in revised) {
    const resubmitted = changeArticleState(db, revised.saved, { id: expert, role: 'expert' }, 'submit', null, { reindex: false });
    if ('article' in resubmitted) changeArticleState(db, resubmitted.article, adminActor, 'publish', null, { reindex: false });
  }

  const plcArticle = publish(expert, {
    title: 'พื้นฐาน PLC สำหรับครูช่างอิเล็กทรอนิกส์',
    summary: 'เริ่มสอน PLC ด้วยวงจรควบคุมมอเตอร์ที่ผู้เรียนคุ้นเคย พร้อมแบบฝึกหัด H5P ท้ายบท',
    fields: ['electronics', 'mechatronics-and-robotics'],
    tags: ['PLC', 'การสอน'],
    coverImage: plc,
    document: doc(
      p('PLC (Programmable Logic Controller) คือคอมพิวเตอร์สำหรับงานควบคุมในโรงงาน ครูสามารถเริ่มจากวงจรสตาร์ท-สต็อปมอเตอร์ที่ผู้เรียนเคยต่อด้วยรีเลย์มาแล้ว'),
      image(plc, 'ตู้ควบคุมที่มี PLC และรีเลย์'),
      h(2, 'ขั้นตอนการสอน'),
      steps('ทบทวนวงจรรีเลย์แบบมีหน่วยความจำ (self-holding)', 'เขียนแลดเดอร์ไดอะแกรมเทียบกับวงจรเดิม', 'ทดลองบนชุดฝึกและบันทึกผล'),
      h(2, 'แบบฝึกหัดท้ายบท'),
      { type: 'h5pActivity', attrs: { activityId: 'electrical-safety-ppe' } },
      p('ดูรายละเอียดเพิ่มเติมได้จาก ', text('มาตรฐาน IEC 61131-3', ['italic']), ' ซึ่งกำหนดภาษาโปรแกรม PLC'),
    ),
  });
  publish(expert, {
    title: 'การเลือกเซนเซอร์ให้เหมาะกับงานสายพานลำเลียง',
    summary: 'เปรียบเทียบเซนเซอร์แบบเหนี่ยวนำ แบบเก็บประจุ และแบบแสง สำหรับการตรวจจับชิ้นงานบนสายพาน',
    fields: ['electronics'],
    tags: ['เซนเซอร์', 'ระบบอัตโนมัติ'],
    coverImage: null,
    document: doc(
      p('การเลือกเซนเซอร์ผิดประเภททำให้ระบบตรวจจับชิ้นงานพลาดบ่อย ตารางต่อไปนี้ช่วยให้ผู้เรียนเลือกได้ถูกต้อง'),
      h(2, 'เปรียบเทียบชนิดของเซนเซอร์'),
      table(['ชนิด', 'ตรวจจับได้', 'ระยะโดยประมาณ'], ['เหนี่ยวนำ (inductive)', 'โลหะ', '2–15 มม.'], ['เก็บประจุ (capacitive)', 'โลหะ พลาสติก ของเหลว', '3–25 มม.'], ['แสง (photoelectric)', 'แทบทุกชนิด', 'ถึงหลายเมตร']),
      h(2, 'ข้อแนะนำ'),
      list('ชิ้นงานโลหะบนสายพานเร็วสูง ใช้แบบเหนี่ยวนำ', 'ชิ้นงานใสหรือสะท้อนแสง ระวังการใช้แบบแสงสะท้อนกลับ'),
    ),
  });
  publish(expert, {
    title: 'ความปลอดภัยในการทำงานกับระบบนิวแมติกส์',
    summary: 'อันตรายจากลมอัดที่มักถูกมองข้าม และขั้นตอนปล่อยแรงดันก่อนซ่อม พร้อมวิดีโอสาธิต',
    fields: ['mechatronics-and-robotics'],
    tags: ['ความปลอดภัย', 'นิวแมติกส์'],
    coverImage: null,
    document: doc(
      p('ลมอัดที่แรงดัน 6 บาร์มีพลังงานมากพอจะทำให้สายลมสะบัดจนบาดเจ็บได้ ผู้เรียนต้องปล่อยแรงดันออกจากระบบทุกครั้งก่อนถอดอุปกรณ์'),
      h(2, 'ขั้นตอนปล่อยแรงดัน'),
      steps('ปิดวาล์วจ่ายลมหลักและล็อก', 'เปิดวาล์วระบายจนเกจแสดงศูนย์', 'ตรวจสอบด้วยการกดปุ่มสั่งงานกระบอกสูบ'),
      h(2, 'วิดีโอสาธิต'),
      { type: 'youtube', attrs: { src: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ' } },
    ),
  });
  publish(expert, {
    title: 'การสอนบัดกรีแผงวงจรแบบ SMD ในห้องเรียน',
    summary: 'อุปกรณ์ที่ต้องมี อุณหภูมิหัวแร้งที่เหมาะสม และข้อผิดพลาดที่ผู้เรียนทำบ่อย',
    fields: ['electronics'],
    tags: ['บัดกรี', 'การสอน'],
    coverImage: null,
    document: doc(
      p('อุปกรณ์แบบติดผิว (SMD) มีขนาดเล็กมาก ผู้เรียนควรฝึกกับตัวต้านทานขนาด 1206 ก่อนขยับไปขนาด 0603'),
      h(2, 'อุณหภูมิที่แนะนำ'),
      table(['ชนิดตะกั่ว', 'อุณหภูมิหัวแร้ง'], ['มีตะกั่ว (Sn63/Pb37)', '300–330 °C'], ['ไร้สารตะกั่ว (SAC305)', '340–370 °C']),
      h(2, 'ข้อผิดพลาดที่พบบ่อย'),
      list('ใช้ฟลักซ์น้อยเกินไปจนตะกั่วไม่ไหล', 'ให้ความร้อนนานเกินจนแผ่นทองแดงหลุด'),
    ),
  });
  publish(expert, {
    title: 'จากโรงงานสู่ห้องเรียน: โครงการทวิภาคีด้านหุ่นยนต์',
    summary: 'บทเรียนจากการส่งผู้เรียนฝึกงานกับสายการผลิตที่ใช้หุ่นยนต์ และสิ่งที่สถานศึกษาควรเตรียม',
    fields: ['mechatronics-and-robotics'],
    tags: ['ทวิภาคี', 'หุ่นยนต์'],
    coverImage: null,
    document: doc(
      p('การเรียนแบบทวิภาคีช่วยให้ผู้เรียนเห็นงานจริง แต่สถานศึกษาต้องเตรียมพื้นฐานด้านความปลอดภัยและการอ่านแบบก่อนส่งตัว'),
      h(2, 'สิ่งที่สถานประกอบการคาดหวัง'),
      list('อ่านแบบไฟฟ้าและนิวแมติกส์ได้', 'เข้าใจหลักล็อกเอาต์-แท็กเอาต์', 'สื่อสารและรายงานปัญหาได้ชัดเจน'),
      h(2, 'ผลที่ได้'),
      p('ผู้เรียนรุ่นแรก 12 คน ได้รับการจ้างงานต่อ 9 คน'),
    ),
  });
  publish(expert, {
    title: 'เริ่มต้นใช้ Arduino กับงานควบคุมอุณหภูมิ',
    summary: 'ร่างบทความ: ต่อเซนเซอร์อุณหภูมิและรีเลย์เพื่อควบคุมพัดลม',
    fields: ['electronics'],
    tags: ['Arduino'],
    coverImage: null,
    document: doc(p('ร่าง: ยังต้องเพิ่มแผนภาพวงจรและโค้ดตัวอย่าง')),
  }, 'draft');
  publish(expert, {
    title: 'ระบบ IoT สำหรับเฝ้าระวังเครื่องจักรในโรงงานขนาดเล็ก',
    summary: 'เก็บค่าการสั่นสะเทือนและอุณหภูมิของมอเตอร์ส่งขึ้นคลาวด์ เพื่อแจ้งเตือนก่อนเครื่องเสีย',
    fields: ['electronics', 'mechatronics-and-robotics'],
    tags: ['IoT', 'ซ่อมบำรุง'],
    coverImage: null,
    document: doc(p('เซนเซอร์วัดการสั่นสะเทือนราคาไม่แพงช่วยให้โรงงานขนาดเล็กทำการบำรุงรักษาเชิงพยากรณ์ได้'), table(['อุปกรณ์', 'ราคาโดยประมาณ'], ['ESP32', '250 บาท'], ['เซนเซอร์สั่นสะเทือน', '400 บาท'])),
  }, 'returned');
  publish(hotel, {
    title: 'มาตรฐานการจัดเตรียมห้องพักแบบโรงแรมระดับสากล',
    summary: 'ลำดับงานแม่บ้านห้องพัก เวลามาตรฐาน และรายการตรวจก่อนส่งมอบห้องให้แขก',
    fields: ['hotel-management'],
    tags: ['งานแม่บ้าน', 'การบริการ'],
    coverImage: room,
    document: doc(
      p('ห้องพักที่สะอาดและพร้อมใช้คือหัวใจของความพึงพอใจของแขก ผู้เรียนควรฝึกทำงานตามลำดับเดียวกันทุกครั้ง'),
      image(room, 'ห้องพักที่จัดเตรียมเสร็จแล้ว'),
      h(2, 'ลำดับงาน'),
      steps('เปิดม่านและระบายอากาศ', 'เก็บผ้าและขยะ', 'ทำความสะอาดห้องน้ำ', 'ปูเตียงและจัดของใช้', 'ตรวจรอบสุดท้าย'),
      h(2, 'เวลามาตรฐาน'),
      table(['ประเภทห้อง', 'เวลา (นาที)'], ['ห้องแขกออก', '30–35'], ['ห้องแขกพักต่อ', '15–20']),
    ),
  });
  publish(farm, {
    title: 'ใช้เซนเซอร์ความชื้นดินควบคุมการให้น้ำแปลงผัก',
    summary: 'ประหยัดน้ำได้กว่าร้อยละ 30 ด้วยเซนเซอร์ราคาถูกและตัวตั้งเวลา เหมาะกับแปลงสาธิตของวิทยาลัย',
    fields: ['plant-science', 'agricultural-technology-and-innovation'],
    tags: ['เกษตรอัจฉริยะ', 'การให้น้ำ'],
    coverImage: field,
    document: doc(
      p('การให้น้ำตามเวลาโดยไม่ดูความชื้นจริงในดินทำให้สิ้นเปลืองน้ำและปุ๋ยถูกชะล้าง'),
      image(field, 'แปลงผักที่ติดตั้งเซนเซอร์ความชื้นดิน'),
      h(2, 'ค่าความชื้นที่เหมาะสม'),
      table(['พืช', 'ความชื้นดิน (%)'], ['ผักสลัด', '60–70'], ['พริก', '50–60'], ['มะเขือเทศ', '55–65']),
      h(2, 'สิ่งที่ต้องเตรียม'),
      list('เซนเซอร์ความชื้นแบบเก็บประจุ', 'โซลินอยด์วาล์ว 24 V', 'ตัวควบคุมขนาดเล็ก'),
    ),
  });

  const questions = [
    { article: maintenance, body: 'ถ้าวิทยาลัยมีงบจำกัด ควรเริ่มตรวจรายการไหนก่อนครับ', answer: 'เริ่มจากสำรองโปรแกรมและตรวจแบตเตอรี่ encoder ก่อนครับ สองอย่างนี้ถ้าพลาดจะเสียเวลามากที่สุด' },
    { article: plcArticle, body: 'แบบฝึกหัด H5P ใช้กับผู้เรียน ปวช. ได้ไหมคะ', answer: 'ใช้ได้ครับ ออกแบบไว้สำหรับ ปวช. ปีที่ 2 ขึ้นไป' },
    { article: plcArticle, body: 'มีตัวอย่างโปรแกรมสำหรับ PLC ยี่ห้ออื่นไหมคะ ดูรายละเอียดได้ที่ https://example.org/plc', answer: null },
  ];
  for (const q of questions) {
    db.insert(articleQuestions)
      .values({ articleId: q.article.id, askedBy: teacher, body: q.body, answer: q.answer, answeredBy: q.answer ? q.article.authorId : null, answeredAt: q.answer ? new Date() : null })
      .run();
  }
  return db.select({ id: articles.id }).from(articles).all().length;
}
