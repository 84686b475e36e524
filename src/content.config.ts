// The curated content in content/: one collection per folder, each validated by its schema in src/lib/content/schemas.
import { defineCollection } from 'astro:content';
import { file, glob } from 'astro/loaders';
import {
  clusterSchema,
  courseSchema,
  curriculumSchema,
  ebookSchema,
  expertSchema,
  fieldSchema,
  researchSchema,
} from './lib/content/schemas/index.ts';

const markdownIn = (folder: string) => glob({ pattern: '**/*.{md,mdx}', base: `./content/${folder}` });

export const collections = {
  fields: defineCollection({
    loader: file('./content/fields/fields.yaml'),
    schema: fieldSchema,
  }),
  clusters: defineCollection({ loader: file('./content/clusters/clusters.yaml'), schema: clusterSchema }),
  ebooks: defineCollection({ loader: markdownIn('ebooks'), schema: ebookSchema }),
  curricula: defineCollection({ loader: markdownIn('curricula'), schema: curriculumSchema }),
  // Only the top level: a course's folder holds its lessons (src/server/courses/outline.ts), not other courses.
  courses: defineCollection({ loader: glob({ pattern: '*.{md,mdx}', base: './content/courses' }), schema: courseSchema }),
  research: defineCollection({ loader: markdownIn('research'), schema: researchSchema }),
  experts: defineCollection({ loader: markdownIn('experts'), schema: expertSchema }),
};
