export * from './common.ts';
export * from './field.ts';
export * from './cluster.ts';
export * from './ebook.ts';
export * from './curriculum.ts';
export * from './course.ts';
export * from './research.ts';
export * from './expert.ts';
