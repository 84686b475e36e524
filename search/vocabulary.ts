// The vocational vocabulary both engines share: words Thai segmentation must keep whole, and synonym groups.

/**
 * Domain words, as atoms: a compound such as ช่างไฟฟ้ากำลัง is segmented into ช่าง|ไฟฟ้า|กำลัง so that each part is a
 * word of its own and the whole is found as adjacent words. ICU's dictionary misses or splits most of these.
 * Field names and catalog keywords are added at run time (see `domainDictionaryWords`).
 */
export const domainAtoms = [
  // trades and technologies
  'ไฟฟ้า', 'กำลัง', 'ช่าง', 'อิเล็กทรอนิกส์', 'เครื่องกล', 'เครื่องยนต์', 'ดีเซล', 'เบนซิน', 'ยานยนต์',
  'รถยนต์', 'จักรยานยนต์', 'ตัวถัง', 'เมคคาทรอนิกส์', 'หุ่นยนต์', 'แขนกล', 'ระบบอัตโนมัติ', 'อัตโนมัติ', 'มอเตอร์',
  'อินเวอร์เตอร์', 'คอนแทกเตอร์', 'แมกเนติก', 'รีเลย์', 'ไทเมอร์', 'เซนเซอร์', 'ไมโครคอนโทรลเลอร์', 'แลดเดอร์',
  'ไดอะแกรม', 'คอมมอนเรล', 'หัวฉีด', 'แบตเตอรี่', 'ลิเทียม', 'ไอออน', 'แรงดันสูง', 'แรงดัน', 'ประจุ', 'ชาร์จ',
  'สถานีอัดประจุ', 'หม้อแปลง', 'เบรกเกอร์', 'เซอร์กิต', 'ต่อลงดิน', 'ไฟรั่ว', 'วงจร', 'แผ่นวงจรพิมพ์', 'บัดกรี',
  'ความปลอดภัย', 'เชื่อม', 'งานเชื่อม', 'แม่พิมพ์', 'ซีเอ็นซี', 'กลึง', 'ไส', 'เจียระไน', 'การผลิต', 'โลหะ',
  'ปรับอากาศ', 'เครื่องปรับอากาศ', 'ทำความเย็น', 'แอร์', 'โซลาร์', 'โซลาร์เซลล์', 'พลังงานแสงอาทิตย์', 'พลังงาน',
  'ทดแทน', 'อนุรักษ์', 'ระบบราง', 'ขนส่งทางราง', 'อากาศยาน', 'ซ่อมบำรุง', 'บำรุงรักษา', 'ต่อเรือ', 'ปิโตรเคมี', 'เคมี',
  'คอมพิวเตอร์', 'ซอฟต์แวร์', 'ฮาร์ดแวร์', 'เครือข่าย', 'ไซเบอร์', 'ความมั่นคงปลอดภัย', 'ฐานข้อมูล', 'เว็บ',
  'แอปพลิเคชัน', 'เว็บแอปพลิเคชัน', 'โปรแกรม', 'เขียนโปรแกรม', 'สารสนเทศ', 'เทคโนโลยีสารสนเทศ', 'ดิจิทัล',
  'ปัญญาประดิษฐ์', 'แอนิเมชัน', 'เกม', 'เกมส์', 'กราฟิก', 'ไอโอที', 'โลจิสติกส์', 'ซัพพลายเชน', 'คลังสินค้า',
  'สินค้าคงคลัง', 'บาร์โค้ด', 'รถยก', 'โฟล์คลิฟท์',
  // services, agriculture, food
  'โรงแรม', 'การโรงแรม', 'ท่องเที่ยว', 'การท่องเที่ยว', 'แม่บ้าน', 'ส่วนหน้า', 'สำรองห้องพัก', 'อาหาร', 'เครื่องดื่ม',
  'เชฟ', 'อาหารไทย', 'ขนม', 'เบเกอรี่', 'เกษตร', 'เกษตรกรรม', 'ประมง', 'ปศุสัตว์', 'พืชศาสตร์', 'สัตวศาสตร์',
  'อุตสาหกรรมเกษตร', 'ธุรกิจ', 'บัญชี', 'การตลาด', 'ค้าปลีก', 'ภาษาอังกฤษ', 'ภาษาจีน', 'สุขภาพ', 'ความงาม', 'ผู้สูงอายุ',
  // education
  'อาชีวศึกษา', 'ทวิภาคี', 'หลักสูตร', 'สมรรถนะ', 'สมรรถนะวิชาชีพ', 'หน่วยสมรรถนะ', 'มาตรฐานอาชีพ', 'ฝีมือแรงงาน',
  'ครู', 'ครูฝึก', 'ผู้เรียน', 'นักศึกษา', 'ฝึกงาน', 'ฝึกประสบการณ์', 'สถานประกอบการ', 'นิเทศ', 'การนิเทศ',
  'ประเมิน', 'การประเมิน', 'แผนการสอน', 'แผนการฝึกอาชีพ', 'หน่วยกิต', 'วิจัย', 'นวัตกรรม', 'สิ่งประดิษฐ์',
  'หลักสูตรระยะสั้น', 'ยกระดับทักษะ', 'ทักษะ', 'อาชีพ', 'ประกาศนียบัตร', 'ประกาศนียบัตรวิชาชีพ',
  'ประกาศนียบัตรวิชาชีพชั้นสูง', 'ปริญญาตรี', 'สายปฏิบัติการ', 'เทคโนโลยีบัณฑิต',
];

/**
 * Groups of words meaning the same thing in vocational Thai and English. A query word in a group also finds the
 * others (Meilisearch synonyms; SQLite query expansion).
 */
export const synonymGroups: string[][] = [
  ['plc', 'พีแอลซี', 'ระบบควบคุมแบบโปรแกรมได้', 'programmable logic controller'],
  ['ทวิภาคี', 'dual vocational education', 'dve'],
  ['work-based learning', 'wbl', 'การเรียนรู้ผ่านการทำงาน', 'wil', 'work-integrated learning'],
  ['ปวช', 'ประกาศนียบัตรวิชาชีพ', 'vocational certificate'],
  ['ปวส', 'ประกาศนียบัตรวิชาชีพชั้นสูง', 'higher vocational certificate'],
  ['ev', 'รถยนต์ไฟฟ้า', 'ยานยนต์ไฟฟ้า', 'electric vehicle'],
  ['แอร์', 'เครื่องปรับอากาศ', 'air conditioner', 'air conditioning'],
  ['หุ่นยนต์', 'robot', 'robotics'],
  ['iot', 'ไอโอที', 'internet of things'],
  ['ai', 'ปัญญาประดิษฐ์', 'artificial intelligence'],
  ['โลจิสติกส์', 'logistics'],
  ['คลังสินค้า', 'warehouse'],
  ['คอมพิวเตอร์', 'computer'],
  ['เครื่องยนต์', 'engine'],
  ['ดีเซล', 'diesel'],
  ['มอเตอร์', 'motor'],
  ['แบตเตอรี่', 'battery'],
  ['โรงแรม', 'hotel'],
  ['ท่องเที่ยว', 'tourism'],
  ['ครู', 'teacher'],
  ['โซลาร์เซลล์', 'พลังงานแสงอาทิตย์', 'solar cell', 'solar'],
  ['เชื่อม', 'welding'],
  ['เกษตร', 'agriculture'],
  ['ไมโครคอนโทรลเลอร์', 'microcontroller'],
  ['ความมั่นคงปลอดภัยไซเบอร์', 'ความปลอดภัยไซเบอร์', 'cybersecurity', 'cyber security'],
  ['ระบบราง', 'railway', 'rail'],
];

/** The domain words plus names and keywords from the catalog, for the segmenter and Meilisearch's `dictionary`. */
export function domainDictionaryWords(extra: Iterable<string> = []): string[] {
  const words = new Set(domainAtoms);
  for (const group of synonymGroups) for (const w of group) if (!/\s/.test(w) && w.length <= 12) words.add(w);
  for (const w of extra) for (const part of w.split(/[\s()/,]+/)) if (part.length >= 2) words.add(part);
  return [...words];
}
