// The vocational vocabulary both engines share: words Thai segmentation must keep whole, and synonym groups.

/**
 * Domain words that Thai segmentation must keep whole, and only atoms: words with no other search word inside them.
 * A compound (ช่างไฟฟ้ากำลัง, การท่องเที่ยว, ต่อเรือ) never goes here: kept whole it hides its parts, so ไฟฟ้า, ท่องเที่ยว or
 * เรือ would not find it in Meilisearch (bench/search's manual-style sections measure this). Compounds are found as
 * their parts, adjacent: ช่าง|ไฟฟ้า|กำลัง. ICU's dictionary misses or splits most of these words.
 */
export const domainAtoms = [
  // trades and technologies
  'ไฟฟ้า', 'กำลัง', 'ช่าง', 'อิเล็กทรอนิกส์', 'เครื่องกล', 'เครื่องยนต์', 'ดีเซล', 'เบนซิน', 'ยานยนต์',
  'รถยนต์', 'จักรยานยนต์', 'ตัวถัง', 'เมคคาทรอนิกส์', 'หุ่นยนต์', 'อัตโนมัติ', 'มอเตอร์',
  'อินเวอร์เตอร์', 'คอนแทกเตอร์', 'แมกเนติก', 'รีเลย์', 'ไทเมอร์', 'เซนเซอร์', 'ไมโครคอนโทรลเลอร์', 'แลดเดอร์',
  'ไดอะแกรม', 'คอมมอนเรล', 'หัวฉีด', 'แบตเตอรี่', 'ลิเทียม', 'ไอออน', 'แรงดัน', 'ประจุ', 'ชาร์จ',
  'หม้อแปลง', 'เบรกเกอร์', 'เซอร์กิต', 'วงจร', 'บัดกรี',
  'ปลอดภัย', 'เชื่อม', 'แม่พิมพ์', 'ซีเอ็นซี', 'กลึง', 'ไส', 'เจียระไน', 'โลหะ',
  'ปรับอากาศ', 'แอร์', 'โซลาร์', 'พลังงาน',
  'ทดแทน', 'อนุรักษ์', 'อากาศยาน', 'ซ่อม', 'บำรุง', 'เคมี',
  'คอมพิวเตอร์', 'ซอฟต์แวร์', 'ฮาร์ดแวร์', 'เครือข่าย', 'ไซเบอร์', 'เว็บ',
  'แอปพลิเคชัน', 'โปรแกรม', 'สารสนเทศ', 'ดิจิทัล',
  'แอนิเมชัน', 'เกม', 'เกมส์', 'กราฟิก', 'ไอโอที', 'โลจิสติกส์', 'ซัพพลายเชน',
  'บาร์โค้ด', 'โฟล์คลิฟท์',
  // services, agriculture, food
  'โรงแรม', 'ท่องเที่ยว', 'อาหาร', 'เชฟ', 'ขนม', 'เบเกอรี่', 'เกษตร', 'ประมง', 'ปศุสัตว์',
  'ธุรกิจ', 'บัญชี', 'การตลาด', 'สุขภาพ', 'ความงาม',
  // education
  'อาชีวศึกษา', 'ทวิภาคี', 'หลักสูตร', 'สมรรถนะ', 'มาตรฐาน',
  'ครู', 'นักศึกษา', 'นิเทศ', 'ประเมิน', 'หน่วยกิต', 'วิจัย', 'นวัตกรรม', 'สิ่งประดิษฐ์',
  'ทักษะ', 'อาชีพ', 'ประกาศนียบัตร',
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

/**
 * The words segmentation keeps whole, for both engines (the SQLite segmenter and Meilisearch's `dictionary`): the domain
 * atoms only. Field names, keywords and synonyms stay out: they are compounds, found as their parts.
 */
export function domainDictionaryWords(): string[] {
  return [...domainAtoms];
}
