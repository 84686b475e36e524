// schema.org descriptions for search engines and harvesters: Book, Course, ScholarlyArticle, a ProfilePage about a
// Person, EducationalOccupationalProgram, and CollectionPage lists. Typed with schema-dts, so a property a type
// does not take fails the type check, not a search engine's validator.
import type { CollectionPage, EducationalOccupationalProgram, Graph, ProfilePage, Thing, WithContext } from 'schema-dts';
import { ceYear, type Level } from '../content/schemas/common.ts';
import type { CatalogItem } from '../content/types.ts';
import { dayStamp } from '../metadata/xml.ts';

/** The credential a level leads to, as a person reads it (not the internal code). */
const credentials: Record<Level, string> = {
  vc: 'ประกาศนียบัตรวิชาชีพ (ปวช.) · Certificate of Vocational Education',
  hvc: 'ประกาศนียบัตรวิชาชีพชั้นสูง (ปวส.) · Diploma of Vocational Education',
  btech: 'ปริญญาตรีสายเทคโนโลยีหรือสายปฏิบัติการ (ทล.บ.) · Bachelor of Technology',
  'short-course': 'วุฒิบัตรหลักสูตรระยะสั้น · Short-course certificate',
  'teacher-development': 'วุฒิบัตรการพัฒนาครู · Teacher development certificate',
};

/** A work's date: the day it was published when that day falls in its stated year, else the year alone. */
function workDate(yearBE: number, published: Date): string {
  return published.getUTCFullYear() === ceYear(yearBE) ? dayStamp(published) : String(ceYear(yearBE));
}

const topics = (fieldNames: string[]): Thing[] => fieldNames.map((name) => ({ '@type': 'Thing', name }));

export function itemJsonLd(item: CatalogItem, url: string, fieldNames: string[]): WithContext<Thing> {
  const context = 'https://schema.org' as const;
  switch (item.type) {
    case 'ebooks':
      return {
        '@context': context,
        '@type': 'Book',
        url,
        name: item.data.titleTh,
        alternateName: item.data.titleEn,
        about: topics(fieldNames),
        author: item.data.authors.map((name) => ({ '@type': 'Person', name })),
        description: item.data.summary,
        publisher: { '@type': 'Organization', name: item.data.publisher },
        datePublished: workDate(item.data.year, item.data.published),
        inLanguage: item.data.language,
        license: item.data.licence,
        keywords: item.data.keywords.join(', '),
        bookFormat: 'https://schema.org/EBook',
      };
    case 'courses':
      return {
        '@context': context,
        '@type': 'Course',
        url,
        name: item.data.titleTh,
        alternateName: item.data.titleEn,
        about: topics(fieldNames),
        inLanguage: 'th',
        description: item.data.summary,
        timeRequired: `PT${item.data.hours}H`,
        provider: item.data.partner ? { '@type': 'Organization', name: item.data.partner } : undefined,
      };
    case 'curricula': {
      const program: WithContext<EducationalOccupationalProgram> = {
        '@context': context,
        '@type': 'EducationalOccupationalProgram',
        url,
        name: item.data.nameTh,
        alternateName: item.data.nameEn,
        educationalCredentialAwarded: credentials[item.data.level],
        identifier: item.data.code,
        occupationalCategory: fieldNames,
        hasCourse: item.data.units.map((u) => ({ '@type': 'Course', courseCode: u.code, name: u.nameTh })),
      };
      return program;
    }
    case 'research':
      return {
        '@context': context,
        '@type': 'ScholarlyArticle',
        url,
        headline: item.data.titleTh,
        alternativeHeadline: item.data.titleEn,
        about: topics(fieldNames),
        inLanguage: 'th',
        author: item.data.authors.map((name) => ({ '@type': 'Person', name })),
        datePublished: workDate(item.data.year, item.data.published),
        sourceOrganization: { '@type': 'Organization', name: item.data.institution },
        keywords: item.data.keywords.join(', '),
        sameAs: item.data.doi ? `https://doi.org/${item.data.doi}` : item.data.url,
      };
    case 'experts': {
      // An expert's page is a profile page whose main entity is the person.
      const profile: WithContext<ProfilePage> = {
        '@context': context,
        '@type': 'ProfilePage',
        url,
        dateCreated: dayStamp(item.data.published),
        mainEntity: {
          '@type': 'Person',
          name: item.data.nameTh,
          alternateName: item.data.nameEn,
          jobTitle: item.data.titleTh,
          worksFor: { '@type': 'Organization', name: item.data.organization },
          knowsAbout: item.data.expertise,
        },
      };
      return profile;
    }
  }
}

/** A listing page (a field, the library, a search) as a CollectionPage holding the list it shows. */
export function listJsonLd(page: { url: string; name: string }, items: { url: string; name: string }[]): WithContext<CollectionPage> {
  return {
    '@context': 'https://schema.org',
    '@type': 'CollectionPage',
    url: page.url,
    name: page.name,
    mainEntity: {
      '@type': 'ItemList',
      numberOfItems: items.length,
      itemListElement: items.map((item, index) => ({ '@type': 'ListItem', position: index + 1, url: item.url, name: item.name })),
    },
  };
}

/** JSON-LD safe to put inside a <script> element. */
export function jsonLdScript(data: WithContext<Thing> | Graph): string {
  return JSON.stringify(data).replace(/</g, '\\u003c');
}
