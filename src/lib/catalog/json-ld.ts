// schema.org descriptions of items for search engines and harvesters (Book, Course, ScholarlyArticle, Person).
import { ceYear } from '../content/schemas/common.ts';
import type { CatalogItem } from '../content/types.ts';

export function itemJsonLd(item: CatalogItem, url: string, fieldNames: string[]): Record<string, unknown> {
  const base = { '@context': 'https://schema.org', url, about: fieldNames, inLanguage: 'th' };
  switch (item.type) {
    case 'ebooks':
      return {
        ...base,
        '@type': 'Book',
        name: item.data.titleTh,
        alternateName: item.data.titleEn,
        author: item.data.authors.map((name) => ({ '@type': 'Person', name })),
        description: item.data.summary,
        publisher: { '@type': 'Organization', name: item.data.publisher },
        datePublished: String(ceYear(item.data.year)),
        inLanguage: item.data.language,
        license: item.data.licence,
        keywords: item.data.keywords.join(', '),
        bookFormat: 'https://schema.org/EBook',
      };
    case 'courses':
      return {
        ...base,
        '@type': 'Course',
        name: item.data.titleTh,
        alternateName: item.data.titleEn,
        description: item.data.summary,
        timeRequired: `PT${item.data.hours}H`,
        provider: item.data.partner ? { '@type': 'Organization', name: item.data.partner } : undefined,
      };
    case 'curricula':
      return {
        ...base,
        '@type': 'EducationalOccupationalProgram',
        name: item.data.nameTh,
        alternateName: item.data.nameEn,
        educationalCredentialAwarded: item.data.level,
        identifier: item.data.code,
        hasCourse: item.data.units.map((u) => ({ '@type': 'Course', courseCode: u.code, name: u.nameTh })),
      };
    case 'research':
      return {
        ...base,
        '@type': 'ScholarlyArticle',
        headline: item.data.titleTh,
        alternativeHeadline: item.data.titleEn,
        author: item.data.authors.map((name) => ({ '@type': 'Person', name })),
        datePublished: String(ceYear(item.data.year)),
        sourceOrganization: { '@type': 'Organization', name: item.data.institution },
        keywords: item.data.keywords.join(', '),
        sameAs: item.data.doi ? `https://doi.org/${item.data.doi}` : item.data.url,
      };
    case 'experts':
      return {
        ...base,
        '@type': 'Person',
        name: item.data.nameTh,
        alternateName: item.data.nameEn,
        jobTitle: item.data.titleTh,
        worksFor: { '@type': 'Organization', name: item.data.organization },
        knowsAbout: item.data.expertise,
      };
  }
}

/** JSON-LD safe to put inside a <script> element. */
export function jsonLdScript(data: Record<string, unknown>): string {
  return JSON.stringify(data).replace(/</g, '\\u003c');
}
